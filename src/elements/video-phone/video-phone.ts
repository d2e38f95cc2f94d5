import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { reactive } from '../../internal/reactive.js';
import { live } from 'lit/directives/live.js';
import { PhoneElement } from './phone-element.js';
import { heldLines, incomingBanner, transferControls, transferForm } from './call-views.js';
import { panel, shareButton, stageButtons, statusButtons } from './media-views.js';
import { chatButton, chatPanel } from './chat.js';
import { historyButton, historyPanel } from './history.js';
import { styles } from './video-phone.styles.js';
import { icons } from '../../internal/icons.js';
import { emit } from '../../internal/emit.js';
import type { CallState } from '../../sip/types.js';
import { CALL_TEXT, REGISTRATION_TEXT, clock, endText } from './words.js';

/**
 * A SIP video phone for FreeSWITCH (and other SIP-over-WebSocket servers): registers, calls,
 * answers, shows local and remote video, chats by text, sends DTMF, holds and mutes.
 *
 * @tag fs-video-phone
 *
 * @fires fs-registered - Registered with the server.
 * @fires fs-unregistered - Registration ended.
 * @fires fs-registration-failed - Registration refused or impossible; `detail.reason` (`auth-failed`, …), `detail.status`.
 * @fires fs-incoming-call - A call rings; `detail.callId`, `detail.from`, `detail.displayName`. Cancelable: `preventDefault()` stops auto-answer.
 * @fires fs-call-progress - The far end rings (180/183); `detail.callId`, `detail.status`.
 * @fires fs-call-connected - The call is up; `detail.callId`, `detail.remote`, `detail.displayName`, `detail.direction`.
 * @fires fs-transfer - Progress of a transfer we asked for; `detail.callId`, `detail.target`, `detail.state` (`trying`, `accepted`, `succeeded`, `failed`), `detail.status`, `detail.replaces`.
 * @fires fs-transfer-request - The far end asks us to call `detail.target` instead. Cancelable: `preventDefault()` refuses.
 * @fires fs-call-ended - A call ended; `detail.callId`, `detail.reason`, `detail.status`, `detail.originator`, `detail.durationMs`.
 * @fires fs-message - A chat message arrived or was delivered; `detail.from`, `detail.body`, `detail.direction`.
 * @fires fs-dtmf - A DTMF tone was sent or received; `detail.callId`, `detail.tone`, `detail.direction`.
 * @fires fs-stats - Every `stats-interval` ms in a call: `detail.level`, `codec`, `width`, `height`, `fps`, `bitrateIn`, `bitrateOut`, `loss`, `rtt`, `path`, `remoteAddress`.
 * @fires fs-error - Something went wrong; `detail.code`, `detail.message`.
 *
 * @slot dialpad - Room for an `<fs-dialpad>` under the controls.
 *
 * @csspart base - The phone's frame.
 * @csspart stage - The video area.
 * @csspart remote-video - The far end's video (large).
 * @csspart local-video - The self-view (small).
 * @csspart placeholder - Shown on the stage when there is no remote video.
 * @csspart play-button - Shown when the browser blocked the far end's sound and video until a click.
 * @csspart sound-button - Shown when the browser holds back the ringtone until a click on the page; any click or key press enables it.
 * @csspart incoming - The incoming-call banner.
 * @csspart caller - The caller's name and number in the banner.
 * @csspart status - The status line.
 * @csspart registration - Registration state in the status line.
 * @csspart call-status - Call state in the status line.
 * @csspart timer - Call duration.
 * @csspart lines - The calls on hold behind the active one.
 * @csspart held-call - One call on hold: a button that swaps to it.
 * @csspart error - The problem line (shown when there is one).
 * @csspart notice - A passing notice (e.g. audio-only fallback).
 * @csspart dial - The dial form.
 * @csspart target-input - The number / SIP address field.
 * @csspart controls - The call buttons.
 * @csspart button - Every button.
 * @csspart call-button - Call.
 * @csspart answer-button - Answer (Hold & answer while another call is up).
 * @csspart end-answer-button - End & answer: hangs up the active call and answers the waiting one.
 * @csspart decline-button - Decline.
 * @csspart hangup-button - Hang up.
 * @csspart mute-button - Mute / unmute microphone.
 * @csspart camera-button - Camera off / on.
 * @csspart hold-button - Hold / resume.
 * @csspart transfer-button - Transfer: opens the transfer form (blind transfer).
 * @csspart complete-transfer-button - Complete transfer: connects the held call to the active one (attended transfer).
 * @csspart transfer-form - The transfer number form.
 * @csspart transfer-input - Its number field.
 * @csspart transfer-submit-button - Transfer now.
 * @csspart transfer-cancel-button - Close the form.
 * @csspart pip-button - Picture-in-picture of the far end's video (where the browser has it).
 * @csspart fullscreen-button - Full screen of the video area.
 * @csspart share-button - Share the screen / stop sharing.
 * @csspart quality - The call-quality indicator (`data-level`: good, fair, poor); opens `quality-panel`.
 * @csspart quality-panel - The call's figures: codec, resolution, frame rate, bitrates, loss, round trip, path.
 * @csspart settings-button - The gear button; opens `settings`.
 * @csspart settings - Device pickers: `camera-select`, `microphone-select`, `speaker-select`.
 * @csspart chat-button - Opens the chat panel.
 * @csspart unread-badge - Messages not read yet, on the chat button.
 * @csspart chat - The chat panel: a conversation per person.
 * @csspart chat-peers - The conversations' buttons (when there is more than one).
 * @csspart chat-peer - One conversation's button (`aria-pressed` when shown).
 * @csspart chat-log - The messages of the conversation shown.
 * @csspart chat-message - One message (also `chat-message-incoming` / `chat-message-outgoing`).
 * @csspart chat-retry-button - Sends a message that was not delivered again.
 * @csspart chat-form - The chat input row.
 * @csspart chat-input - The chat text field.
 * @csspart chat-send-button - Send.
 * @csspart history-button - Opens the recent calls.
 * @csspart missed-badge - Missed calls not seen yet, on the history button.
 * @csspart history - The recent-calls panel.
 * @csspart history-entry - One call (`data-direction`, `data-reason`, `data-missed`); missed ones are also `history-missed`.
 * @csspart redial-button - Calls that number again.
 * @csspart clear-history-button - Forgets the recent calls.
 * @csspart notify-button - The bell (with `notify`): asks for permission to show call notifications.
 *
 * @cssprop [--fs-background=#0f172a] - Frame background.
 * @cssprop [--fs-foreground=#e2e8f0] - Text colour.
 * @cssprop [--fs-muted-foreground=#94a3b8] - Secondary text colour.
 * @cssprop [--fs-surface=#1e293b] - Fields and panels.
 * @cssprop [--fs-border=#334155] - Borders.
 * @cssprop [--fs-accent=#22c55e] - Call / answer buttons and the registered dot.
 * @cssprop [--fs-danger=#dc2626] - Hang up / decline buttons and errors.
 * @cssprop [--fs-warning=#f59e0b] - Connecting and held states.
 * @cssprop [--fs-radius=12px] - Corner radius.
 * @cssprop [--fs-font=system-ui, sans-serif] - Font family.
 * @cssprop [--fs-width=100%] - Width of the phone.
 * @cssprop [--fs-video-aspect=16 / 9] - Aspect ratio of the video area.
 * @cssprop [--fs-self-view-width=28%] - Width of the self-view.
 */
export class FsVideoPhone extends PhoneElement {
  static styles = styles;
  static properties = reactive({
    chatDraft: { state: true },
    playBlocked: { state: true },
    transferDraft: { state: true },
  });

  /** The number typed for a blind transfer while its form is open, else null. */
  transferDraft: string | null = null;
  /** What is typed in the chat box. */
  chatDraft = '';
  /** The browser refused to start the far end's sound and video without a click on the page. */
  private playBlocked = false;
  private get remoteVideo() {
    return this.find<HTMLVideoElement>('remote-video');
  }
  private get localVideo() {
    return this.find<HTMLVideoElement>('local-video');
  }
  private get chatLog() {
    return this.find<HTMLElement>('chat-log');
  }
  private find<T extends Element>(name: string): T | undefined {
    return this.renderRoot.querySelector<T>(`[part~="${name}"]`) ?? undefined;
  }

  private lastChatCount = 0;

  protected updated(): void {
    super.updated();
    const phone = this.controller.phone;
    const remote = this.remoteVideo;
    if (remote && remote.srcObject !== phone.remoteStream) {
      remote.srcObject = phone.remoteStream;
      if (phone.remoteStream) this.playRemote();
      else this.playBlocked = false;
    }
    setSource(this.localVideo, this.selfView);
    const sink = remote as (HTMLVideoElement & { sinkId?: string; setSinkId?(id: string): Promise<void> }) | undefined;
    if (sink?.setSinkId && sink.sinkId !== this.speaker) {
      sink.setSinkId(this.speaker).catch(() => {
        emit(this, 'fs-error', { code: 'media-error', message: 'The chosen speaker is not available' });
      });
    }
    // The chat log keeps its newest message in view.
    const log = this.chatLog;
    if (log && log.childElementCount !== this.lastChatCount) {
      this.lastChatCount = log.childElementCount;
      log.scrollTop = log.scrollHeight;
    }
  }

  /** What the self-view shows: the shared screen, the call's camera, or the preview. */
  private get selfView(): MediaStream | null {
    const phone = this.controller.phone;
    return phone.shareStream ?? phone.localStream ?? phone.devices.preview;
  }

  /**
   * Starts the far end's sound and video. A browser that blocks playback until the person has
   * interacted with the page rejects with NotAllowedError: a button then offers to start it.
   */
  private playRemote = (): void => {
    this.remoteVideo?.play().then(
      () => (this.playBlocked = false),
      (err: DOMException) => {
        if (err?.name !== 'NotAllowedError' || this.playBlocked) return;
        this.playBlocked = true;
        emit(this, 'fs-error', { code: 'autoplay-blocked', message: 'Click to start sound and video' });
      },
    );
  };

  protected render() {
    const phone = this.controller.phone;
    const state = phone.callState;
    const call = phone.currentCall;
    const incoming = phone.incomingCall;
    const problem = phone.problem;
    const inCall = state === 'connected' || state === 'held';
    const busy = state === 'calling' || state === 'ringing' || inCall || (state === 'incoming' && !!call);
    // A connected call leaves room for another one (held meanwhile), up to max-calls.
    const canAdd = !!call?.connectedAt && phone.calls.length < (phone.config?.maxCalls ?? 1);
    const muted = phone.muted;
    const remoteHasVideo = !!phone.remoteStream?.getVideoTracks().length;
    const peer = call ?? incoming;

    return html`
      <div part="base" class="base">
        <div part="stage" class="stage">
          <video part="remote-video" class="remote" autoplay playsinline ?hidden=${!remoteHasVideo}
                 aria-label=${peer ? `Video from ${peer.displayName}` : 'Remote video'}></video>
          ${remoteHasVideo ? nothing : html`<div part="placeholder" class="placeholder">
            <span class="avatar" aria-hidden="true">${initials(peer?.displayName ?? '') || icons.call}</span>
            <span>${peer ? peer.displayName : phone.user ? `${phone.user}${phone.domain ? `@${phone.domain}` : ''}` : 'Video phone'}</span>
          </div>`}
          ${this.playBlocked && peer
            ? html`<button part="button play-button" class="play" @click=${this.playRemote}>${icons.call} Click to start sound and video</button>`
            : nothing}
          ${remoteHasVideo ? stageButtons(this, this.remoteVideo) : nothing}
          ${this.controller.ringer.blocked
            ? html`<button part="button sound-button" class="play" @click=${() => this.requestUpdate()}>${icons.call} Click to enable sound</button>`
            : nothing}
          <video part="local-video" class="local ${peer ? '' : 'solo'}" autoplay playsinline muted ?hidden=${!this.selfView?.getVideoTracks().length}
                 aria-label=${phone.shareStream ? 'Your shared screen' : 'Your camera'}></video>
          ${incomingBanner(this)}
        </div>

        <div part="status" class="status" role="status" aria-live="polite">
          <span part="registration" class="registration" data-state=${phone.registrationState}>
            <span class="dot" aria-hidden="true"></span>${REGISTRATION_TEXT[phone.registrationState]}
          </span>
          <span part="call-status" class="call-status" data-reason=${state === 'ended' ? (phone.lastEnd?.reason ?? '') : nothing}>
            ${this.stateText(state)}${call && state !== 'idle' ? html` · <bdi>${call.displayName}</bdi>` : nothing}${call?.remoteHeld ? ' (held by the other side)' : ''}
          </span>
          ${call?.connectedAt ? html`<span part="timer" class="timer">${clock(Date.now() - call.connectedAt)}</span>` : nothing}
          ${chatButton(this, this.controller.chat)}${historyButton(this)}${this.notify && typeof Notification !== 'undefined' ? this.bellButton() : nothing}${statusButtons(this)}
        </div>
        ${this.panel === 'chat' ? chatPanel(this, this.controller.chat, phone.domain) : this.panel === 'history' ? historyPanel(this) : panel(this)}
        ${heldLines(this)}
        ${problem ? html`<div part="error" class="error" role="alert">${problem.message}</div>` : nothing}
        ${phone.notice ? html`<div part="notice" class="notice">${phone.notice}</div>` : nothing}

        <form part="dial" class="dial" @submit=${this.onDial}>
          <input part="target-input" type="text" inputmode="tel" autocomplete="off" spellcheck="false"
                 aria-label="Number or SIP address" placeholder="Number or SIP address"
                 .value=${live(this.target)} @input=${this.onTargetInput} ?disabled=${busy && !canAdd} />
          <button part="button call-button" class="accent" type="submit" ?hidden=${busy && !canAdd}
                  ?disabled=${phone.registrationState !== 'registered' || (!!incoming && !canAdd)} aria-label=${canAdd ? 'Hold this call and call' : 'Call'}>${icons.call}<span>Call</span></button>
          <button part="button hangup-button" class="danger" type="button" ?hidden=${!busy} @click=${this.onHangup}
                  aria-label="Hang up">${icons.hangup}<span>Hang up</span></button>
        </form>

        <div part="controls" class="controls" ?hidden=${!inCall}>
          <button part="button mute-button" type="button" aria-pressed=${muted.audio ? 'true' : 'false'} @click=${this.onToggleMic}
                  aria-label=${muted.audio ? 'Unmute microphone' : 'Mute microphone'}>${muted.audio ? icons.micOff : icons.mic}<span>${muted.audio ? 'Unmute' : 'Mute'}</span></button>
          <button part="button camera-button" type="button" aria-pressed=${muted.video ? 'true' : 'false'} @click=${this.onToggleCamera}
                  ?disabled=${!phone.localStream?.getVideoTracks().length}
                  aria-label=${muted.video ? 'Turn camera on' : 'Turn camera off'}>${muted.video ? icons.cameraOff : icons.camera}<span>${muted.video ? 'Camera on' : 'Camera off'}</span></button>
          <button part="button hold-button" type="button" aria-pressed=${state === 'held' ? 'true' : 'false'} @click=${this.onToggleHold}
                  aria-label=${state === 'held' ? 'Resume call' : 'Hold call'}>${state === 'held' ? icons.resume : icons.hold}<span>${state === 'held' ? 'Resume' : 'Hold'}</span></button>
          ${shareButton(this)}
          ${transferControls(this)}
        </div>

        ${transferForm(this)}

        <slot name="dialpad"></slot>

      </div>
    `;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // What is on screen is read: the chat conversation shown, the missed calls once the list is open.
    if (this.panel === 'chat') this.controller.chat.read(this.chatPeer);
    if (this.panel === 'history') this.controller.history().seen();
  }

  /** Asks for permission to notify, from the person's click (never on load). */
  private bellButton() {
    const permission = Notification.permission;
    const ask = () => Notification.requestPermission().then(() => this.requestUpdate());
    return html`<button part="button notify-button" class="chip" type="button" aria-pressed=${permission === 'granted' ? 'true' : 'false'}
        ?disabled=${permission === 'denied'} @click=${ask} title=${NOTIFY_TEXT[permission]} aria-label=${NOTIFY_TEXT[permission]}>${icons.bell}</button>`;
  }

  /** The call state in words: how the last call ended, and "Ready" only when the phone is. */
  private stateText(state: CallState): string {
    const phone = this.controller.phone;
    if (state === 'idle') return phone.registrationState === 'registered' ? CALL_TEXT.idle : '';
    const end = phone.lastEnd;
    return state === 'ended' && end ? endText(end) : CALL_TEXT[state];
  }

  private onTargetInput(e: InputEvent): void {
    this.target = (e.target as HTMLInputElement).value;
    // The chat follows the number being typed.
    this.controller.chat.chosen = null;
  }

  private onDial(e: SubmitEvent): void {
    e.preventDefault();
    void this.call();
  }

  private onHangup(): void {
    this.hangup();
  }

  private onToggleMic(): void {
    this.setMuted({ audio: !this.muted.audio });
  }

  private onToggleCamera(): void {
    this.setMuted({ video: !this.muted.video });
  }

  private onToggleHold(): void {
    if (this.callState === 'held') this.unhold();
    else this.hold();
  }
}

const NOTIFY_TEXT: Record<NotificationPermission, string> = {
  default: 'Turn on call notifications',
  granted: 'Call notifications are on',
  denied: 'Call notifications are blocked in the browser settings',
};

/** Up to two initials of a name made of words; '' for numbers, so the avatar shows an icon. */
function initials(name: string): string {
  const words = name.match(/\p{L}[\p{L}'-]*/gu) ?? [];
  return words.slice(0, 2).map(w => w[0].toUpperCase()).join('');
}

function setSource(video: HTMLVideoElement | undefined, stream: MediaStream | null): void {
  if (video && video.srcObject !== stream) video.srcObject = stream;
}

declare global {
  interface HTMLElementTagNameMap {
    'fs-video-phone': FsVideoPhone;
  }
}
