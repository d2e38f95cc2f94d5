import { html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { setting } from '../../internal/setting.js';
import { PhoneBase } from './phone-base.js';
import { Account, useHereButton } from './account/account.js';
import { Media, mediaOf } from './media/media.js';
import { Calls } from './calls/calls.js';
import { Ringing, ringingOf } from './ringing/ringing.js';
import { bellButton } from './ringing/bell.js';
import { History, historyOf } from './history/history.js';
import { Messaging, chatOf } from './chat/chat.js';
import { Transfers, transferControls, transferForm } from './transfer/transfer.js';
import { Desk } from './desk/desk.js';
import { Rooms, roomControls, rosterPanel } from './room/room.js';
import { actionButtons, contactsPanel, deskChips, parkButton } from './desk/desk-views.js';
import { heldLines, incomingBanner, initials, setSource } from './calls/call-views.js';
import { movingFocus } from './calls/focus.js';
import { panel, shareButton, stageButtons, statusButtons } from './media/media-views.js';
import { callBar, callInfo, cornerButton } from './calls/call-bar.js';
import { CalmOverlays } from './calls/calm.js';
import { Toolbars } from './toolbars.js';
import { FitLabels } from './calls/fit-labels.js';
import { chatButton, chatPanel, peerKey } from './chat/conversations.js';
import { historyButton, historyPanel } from './history/call-history.js';
import { styles } from './video-phone.styles.js';
import { icons } from '../../internal/icons.js';
import { emit } from '../../internal/emit.js';
import type { CallState } from '../../sip/types.js';
import { webrtcSupported } from '../../sip/index.js';
import { announcement, endKey } from './words.js';
import { addLanguage, say, tableFor } from '../../i18n/i18n.js';
import { english } from '../../i18n/en.js';

/**
 * A SIP video phone for FreeSWITCH (and other SIP-over-WebSocket servers): registers, calls,
 * answers, shows local and remote video, chats by text, sends DTMF, holds and mutes.
 *
 * @tag fs-video-phone
 *
 * @fires fs-registered - Registered.
 * @fires fs-unregistered - Registration ended.
 * @fires fs-registration-failed - `detail`: {reason, status?}. `reason`: `auth-failed`, `connection-error`, `request-timeout`, `failed`.
 * @fires fs-incoming-call - `detail`: {callId, from, displayName}. A call rings. Cancelable: `preventDefault()` stops `auto-answer`.
 * @fires fs-call-progress - `detail`: {callId, status?, reason?}. The far end rings (180/183).
 * @fires fs-call-connected - `detail`: {callId, remote, displayName, direction}. The call is up.
 * @fires fs-transfer - `detail`: {callId, target, state, status?, replaces?}. A transfer we asked for: `state` goes `trying` (REFER sent) → `accepted` (202) → `succeeded` or `failed` (from the far end's NOTIFY reports, with its SIP `status`; also `failed` after 30 s without a result). `replaces` is the consultation call of an attended transfer. A far end that accepted and then hangs up counts as `succeeded`.
 * @fires fs-transfer-request - `detail`: {callId, target, referredBy}. The far end asks this phone to call `target` instead (incoming REFER). By default the phone does: a new call goes out, and the old one ends with reason `transferred` once it connects. Cancelable: `preventDefault()` refuses (the far end hears 603). An INVITE with Replaces for one of our calls (we are the target of an attended transfer) takes that call over without ringing.
 * @fires fs-call-ended - `detail`: {callId, direction, remote, displayName, startedAt, reason, status?, originator, durationMs}. `reason`: `hangup`, `busy`, `rejected`, `not-found`, `unavailable`, `canceled`, `no-answer`, `auth-failed`, `not-for-guests` (a `guest` call the server asked credentials for or refused), `connection-error`, `request-timeout`, `media-error`, `incompatible`, `address-incomplete`, `redirected`, `transferred`, `failed`. `status` is the SIP status where there is one; `originator` is `local`, `remote` or `system`.
 * @fires fs-message - `detail`: {from, body, direction}. A chat message arrived (`incoming`) or was delivered (`outgoing`).
 * @fires fs-dtmf - `detail`: {callId, tone, direction}. A DTMF tone was sent (`outgoing`) or received by SIP INFO (`incoming`).
 * @fires fs-stats - `detail`: {callId, level, codec, width, height, fps, bitrateIn, bitrateOut, loss, rtt, path, remoteAddress}. Every `stats-interval` ms during a connected call: quality `level` (`good`, `fair`, `poor`, from packet loss, round-trip time and received frame rate), received video `codec`, size and frames per second, kbit/s received and sent, received packet `loss` in %, `rtt` in ms (null until measured), `path` (`relayed` through a TURN server or `direct`) and the media's far end. One `getStats()` per interval per call, shared with the phone's media-flow watch.
 * @fires fs-voicemail - `detail`: {waiting, new, old}. The voicemail box's counts (message summary), whenever the server sends them: from the phone's subscription, or unasked (FreeSWITCH).
 * @fires fs-presence - `detail`: {uri, name, state}. A contact's lamp changed: `available`, `ringing`, `busy` (on a call) or `offline` (also: not known).
 * @fires fs-roster - `detail`: {callId, members}. Who is in the conference room of a call, whenever the room says (RFC 4575 `conference` event package): each member's `uri`, `number`, `name`, `audioMuted`, `deaf`, `videoMuted`, `talking`, `floor` (holds the video floor) and `self`.
 * @fires fs-error - `detail`: {code, message}. Something went wrong; see the codes below.
 *
 * @attribute theme - `light` or `dark` fixes the colour scheme; without it the phone follows `prefers-color-scheme`.
 *
 * @slot dialpad - Room for an `<fs-dialpad>` under the controls.
 *
 * @csspart base - The phone's frame.
 * @csspart stage - The video area.
 * @csspart remote-video - The far end's video.
 * @csspart camera-off - Shown instead of the self-view while the camera is off in a call.
 * @csspart local-video - The self-view: your camera, or the screen you share. While idle it fills the video area (the preview).
 * @csspart placeholder - Shown on the stage while there is no remote video.
 * @csspart play-button - Shown when the browser blocked the far end's sound and video until the person clicks (autoplay policy); a click starts them.
 * @csspart sound-button - "Click to enable sound": shown while the browser holds the ringtone back until the person interacts with the page.
 * @csspart incoming - The incoming-call banner; `caller` is the name and number in it.
 * @csspart caller - The caller's name and number in the banner.
 * @csspart status - The header row (it never wraps): `registration`, and `call-status` while no call is up, then the panel buttons. In a call `call-status`, `peer-name` and `timer` sit over the top of the video. After a call, `call-status` says for a moment how it ended ("Busy", "Call declined", "Number not found", "Not available", "No answer", "Call cancelled", "Missed call", "Call transferred", "Call ended: media failed", "Call ended: connection lost", …) and carries the `fs-call-ended` reason as `data-reason`; "Ready" shows only while registered.
 * @csspart registration - Registration state in the status line.
 * @csspart unsupported - Says the browser cannot make calls (no WebRTC); Call is disabled.
 * @csspart identity - Your name (`display-name`, else the user), in the registration part.
 * @csspart call-status - Call state in the status line.
 * @csspart timer - Call duration.
 * @csspart peer-name - In a call, the other party's name over the top of the video.
 * @csspart lines - The calls on hold behind the active one; each is a `held-call` button that swaps to it.
 * @csspart held-call - One call on hold: a button that swaps to it.
 * @csspart error - The problem line.
 * @csspart notice - A passing notice, e.g. "continuing with audio only".
 * @csspart dial - The dial form; `target-input` is its field.
 * @csspart target-input - The number / SIP address field.
 * @csspart controls - The call's buttons over the bottom of the video, Hang up last (while a second call rings in, the banner's choices stand in for them). With the call's name, timer and quality over the top, they fade after a few seconds without pointer movement (not while focus is in them, nor with `prefers-reduced-motion`).
 * @csspart button - Every button.
 * @csspart call-button - Call.
 * @csspart answer-button - Answer (Hold & answer while another call is up).
 * @csspart end-answer-button - End & answer: hangs up the active call and answers the waiting one.
 * @csspart decline-button - Decline.
 * @csspart hangup-button - Hang up.
 * @csspart add-call-button - In a call: opens the number field to call someone else (the call is put on hold when the new one starts).
 * @csspart self-view-corner-button - In a call: moves the self-view to the next corner of the video.
 * @csspart mute-button - Mute / unmute microphone.
 * @csspart camera-button - Camera off / on.
 * @csspart hold-button - Hold / resume.
 * @csspart transfer-button - Transfer: opens the transfer form (blind transfer).
 * @csspart complete-transfer-button - Complete transfer: connects the held call to the active one (attended transfer).
 * @csspart transfer-form - The transfer number form: `transfer-input`, `transfer-submit-button`, `transfer-cancel-button`.
 * @csspart transfer-input - Its number field.
 * @csspart transfer-submit-button - Transfer now.
 * @csspart transfer-cancel-button - Close the form.
 * @csspart pip-button - Picture-in-picture of the far end's video (where the browser has it).
 * @csspart fullscreen-button - Full screen of the video area.
 * @csspart share-button - Share the screen / Stop sharing (shown where the browser can capture a screen).
 * @csspart quality - The call-quality indicator in the status line (`data-level` is `good`, `fair` or `poor`); a click opens `quality-panel` with codec, resolution, frame rate, bitrate in/out, loss, round trip and path.
 * @csspart quality-panel - The call's figures: codec, resolution, frame rate, bitrates, loss, round trip, path.
 * @csspart self-view-button - Shows or hides your own camera while idle (`aria-pressed`); hidden with `no-preview` and `audio-only`.
 * @csspart settings-button - The gear button; opens `settings`.
 * @csspart settings - Device pickers: `camera-select`, `microphone-select`, `speaker-select`.
 * @csspart chat-button - Opens the chat panel.
 * @csspart unread-badge - Messages not read yet, on the chat button.
 * @csspart chat - The chat panel, one conversation per person. Messages go to the conversation shown, with or without a call: without a pick, that is the current call's peer or the number being dialled. A message from anyone else gets its own conversation; `chat-peers` holds a `chat-peer` button for each (`aria-pressed` on the one shown, with its unread count). `chat-log`, `chat-message` (plus `chat-message-incoming` / `chat-message-outgoing`), `chat-retry-button` (on a message that was not delivered), `chat-form`, `chat-input` and `chat-send-button` are its other pieces.
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
 * @csspart history - The recent-calls panel: a `history-entry` per call (`data-direction`, `data-reason`, `data-missed`; missed ones are also `history-missed`) with its peer, time, and duration or how it ended, and a `redial-button`; `clear-history-button` under the list.
 * @csspart history-entry - One call (`data-direction`, `data-reason`, `data-missed`); missed ones are also `history-missed`.
 * @csspart redial-button - Calls that number again.
 * @csspart clear-history-button - Forgets the recent calls.
 * @csspart contacts-button - With `contacts`: opens `contacts` (a dot while a contact's call rings).
 * @csspart contacts - The contacts panel: a `contact` button per colleague (`data-state`: `available`, `ringing`, `busy`, `offline`) with its `lamp`, name, number and state in words, and `pickup-button`.
 * @csspart contact - One contact: calls it, or picks up the call ringing there (`data-state` as its lamp).
 * @csspart lamp - A contact's lamp: its colour follows the contact's `data-state`.
 * @csspart pickup-button - Pick up: dials `pickup-number` (a call ringing anywhere in the group).
 * @csspart voicemail-button - Once the server has told the box's counts: calls `voicemail-number`; `voicemail-badge` shows the new messages.
 * @csspart voicemail-badge - New voice messages, on the voicemail button.
 * @csspart dnd-toggle - In the settings panel: do not disturb on / off (`aria-pressed`).
 * @csspart dnd-button - In the status line while do-not-disturb is on; a click turns it off.
 * @csspart park-button - In a call: parks it (blind transfer to `park-number`).
 * @csspart call-actions - In a call, under the video: the `actions` buttons.
 * @csspart action-button - One of `actions`: sends its DTMF (e.g. "Open door").
 * @csspart room-controls - In a call to a conference room (its answer carried `isfocus`): `people-button` and a `room-button` per control of `room-keys` (`data-control`: `mute`, `deaf`, `quieter`, `louder`), each sending the room its DTMF.
 * @csspart people-button - Once the room has said who is in it: opens `roster`.
 * @csspart room-button - One room control (`data-control`): sends its DTMF key.
 * @csspart roster - The People panel: a `member` per person in the room (`data-talking`, `data-muted`, `data-self`) with its `lamp`, name, number and what the room says of them (talking, on screen, muted, deaf, no video).
 * @csspart member - One person in the room.
 * @csspart notify-button - With `notify`: the bell that asks for permission to show call notifications (`aria-pressed` once granted, disabled if the browser blocks them).
 *
 * @cssprop [--fs-background=light-dark(#fff, #0f172a)] - Frame background.
 * @cssprop [--fs-foreground=light-dark(#0f172a, #e2e8f0)] - Text colour.
 * @cssprop [--fs-muted-foreground=light-dark(#475569, #94a3b8)] - Secondary text colour.
 * @cssprop [--fs-surface=light-dark(#f1f5f9, #1e293b)] - Fields and panels.
 * @cssprop [--fs-border=light-dark(#cbd5e1, #334155)] - Borders.
 * @cssprop [--fs-accent=light-dark(#16a34a, #22c55e)] - Call / answer buttons and the registered dot.
 * @cssprop [--fs-accent-foreground=#052e16] - Text and icons on accent buttons.
 * @cssprop [--fs-danger=#dc2626] - Hang up / decline buttons and errors.
 * @cssprop [--fs-warning=light-dark(#b45309, #f59e0b)] - Connecting and held states.
 * @cssprop [--fs-radius=12px] - Corner radius.
 * @cssprop [--fs-font=system-ui, sans-serif] - Font family.
 * @cssprop [--fs-width=100%] - Width of the phone.
 * @cssprop [--fs-video-aspect=16 / 9] - Aspect ratio of the video area.
 * @cssprop [--fs-self-view-width=min(24%, 240px)] - Width of the self-view in a call.
 */
export class FsVideoPhone extends Rooms(Desk(Transfers(Messaging(History(Ringing(Calls(Media(Account(PhoneBase))))))))) {
  static styles = styles;
  /** Adds a language, or replaces one, for every phone and keypad: `addLanguage('de', { call: 'Anrufen', … })`. Keys it lacks are shown in English. */
  static addLanguage = addLanguage;
  /** The string table used for a language tag (e.g. `zh-CN`), to read or to start a translation from. */
  static stringsFor = tableFor;
  /** The browser refused to start the far end's sound and video without a click on the page. */
  @setting({ state: true }) private playBlocked = false;
  /** The self-view's corner in a call, clockwise from the top start (the person moves it). */
  @setting({ state: true }) selfCorner = 1;
  /** Fades the call's overlays while the pointer rests. */
  private readonly overlays = new CalmOverlays(this, () => !!(this.renderRoot as ShadowRoot).activeElement?.closest('.overlay'));
  /** One Tab stop per row of buttons; arrows move along it. */
  protected readonly toolbars = new Toolbars(this);
  /** The call bar's words where they fit. */
  protected readonly labels = new FitLabels(this, '[part~="controls"]');
  private get remoteVideo() {
    return this.find<HTMLVideoElement>('remote-video');
  }
  private find<T extends Element>(name: string): T | undefined {
    return this.renderRoot.querySelector<T>(`[part~="${name}"]`) ?? undefined;
  }

  private lastChatCount = 0;

  protected updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const phone = this.phone;
    const remote = this.remoteVideo;
    if (remote && remote.srcObject !== phone.remoteStream) {
      remote.srcObject = phone.remoteStream;
      if (phone.remoteStream) this.playRemote();
      else this.playBlocked = false;
    }
    setSource(this.find<HTMLVideoElement>('local-video'), this.selfView);
    // A call has just come up: its overlays show, then fade while the pointer rests.
    if (this.phone.currentCall && !changed.has('selfCorner') && !this.overlays.calm) this.overlays.arm();
    const sink = remote;
    if (sink?.setSinkId && sink.sinkId !== this.speaker) {
      sink.setSinkId(this.speaker).catch(() => {
        emit(this, 'fs-error', { code: 'media-error', message: english('e-speaker') });
        this.phone.showNotice({ key: 'speaker' });
      });
    }
    // The chat log keeps its newest message in view.
    const log = this.find<HTMLElement>('chat-log');
    if (log && log.childElementCount !== this.lastChatCount) {
      this.lastChatCount = log.childElementCount;
      log.scrollTop = log.scrollHeight;
    }
  }

  /** Escape closes an open panel (or the number field opened to add a call), else declines a call ringing in, else hangs up. */
  private onKeydown(e: KeyboardEvent): void {
    this.onPointer(); // a key pressed in the phone: someone is there, the call's overlays show
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const phone = this.phone;
    if (this.panel) this.panel = null;
    else if (this.adding) this.adding = false;
    else if (phone.incomingCall) this.decline(phone.incomingCall.id);
    else if (phone.currentCall) this.hangup();
    else return;
    e.preventDefault();
  }

  /** What the self-view shows: the shared screen, the call's camera, or the preview. */
  private get selfView(): MediaStream | null {
    const phone = this.phone;
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
        emit(this, 'fs-error', { code: 'autoplay-blocked', message: english('e-autoplay-blocked') });
      },
    );
  };

  protected render() {
    const { t } = this;
    const phone = this.phone;
    const state = phone.callState;
    const call = phone.currentCall;
    const incoming = phone.incomingCall;
    const problem = phone.problem;
    // A call going out, ringing out or up: the stage is the call's (video first, controls over it).
    const live = state === 'calling' || state === 'ringing' || state === 'reconnecting' || state === 'connected' || state === 'held' || (state === 'incoming' && !!call);
    const peer = call ?? incoming;
    // A notice reporting a failure is an alert; others are read out by the live region.
    const notice = phone.notice;
    // On hold (either side) the far end's picture stands still: its name and the state instead.
    const heldText = state === 'held' ? t('held') : call?.remoteHeld ? t('remoteHeld') : '';
    const remoteHasVideo = !!phone.remoteStream?.getVideoTracks().length && !heldText;
    const cameraOff = phone.muted.video && !!phone.localStream?.getVideoTracks().length;
    // The self-view: the whole stage while idle, a corner picture in a call (none while held).
    const selfShown = !cameraOff && !heldText && !!this.selfView?.getVideoTracks().length;
    // A guest is nobody's account: only the name the page or the visitor gave.
    const me = phone.user && !this.guest ? `${phone.user}${phone.domain ? `@${phone.domain}` : ''}` : '';
    const myName = this.displayName || (this.guest ? '' : phone.user);
    const canDial = webrtcSupported() && (phone.registrationState === 'registered' || phone.registrationState === 'guest');
    const open = this.panel === 'chat' ? chatPanel(this, chatOf(this).chat, phone.domain, this.nameOf) : this.panel === 'history' ? historyPanel(this) : this.panel === 'contacts' ? contactsPanel(this) : this.panel === 'roster' ? rosterPanel(this) : panel(this);
    const corner = peer ? `corner-${this.selfCorner}` : 'solo';
    const dialing = !live || this.adding;
    // The header's words: how the last call ended, or Ready (the banner speaks for a call ringing in).
    const headline = live || incoming ? '' : this.stateText(state);

    return html`
      <div part="base" class="base ${live ? 'live' : ''} ${this.overlays.calm ? 'calm' : ''} ${open === nothing ? '' : 'with-panel'}" role="group"
           aria-label=${me ? `${t('phone')} ${me}` : t('phone')} @keydown=${this.onKeydown} @pointermove=${this.onPointer} @pointerdown=${this.onPointer}>
        <div part="status" class="status">
          <span part="registration" class="registration" data-state=${phone.registrationState}>
            <span class="dot" aria-hidden="true"></span>${myName ? html`<bdi part="identity" class="identity clip" title=${myName}>${myName}</bdi>` : nothing}<span class=${headline ? 'sr' : 'clip'}>${t(phone.registrationState)}</span>
          </span>
          ${live
            ? nothing
            : html`<span part="call-status" class="call-status clip" data-reason=${state === 'ended' ? (phone.lastEnd?.reason ?? '') : nothing}>${headline}</span>`}
          <span class="chips" role="toolbar" aria-label=${t('phoneTools')}>${deskChips(this)}${this.guest ? nothing : chatButton(this, chatOf(this).chat)}${historyButton(this)}${this.notify && !this.guest ? bellButton(this) : nothing}${useHereButton(this)}${statusButtons(this)}</span>
        </div>
        <div class="sr" role="status">${announcement(this, this.stateText(state))}</div>
        <div class="main">
          <div part="stage" class="stage" @focusin=${this.onPointer}>
            <video part="remote-video" class="remote" tabindex="-1" autoplay playsinline ?disablepictureinpicture=${!document.pictureInPictureEnabled} ?hidden=${!remoteHasVideo}
                   aria-label=${peer ? t('videoFrom', peer.displayName) : t('remoteVideo')}></video>
            ${remoteHasVideo ? nothing : html`<div part="placeholder" class="placeholder">
              <span class="avatar" aria-hidden="true">${initials(peer?.displayName ?? '') || icons.call}</span>
              <bdi class="name" title=${peer?.displayName ?? me}>${peer ? peer.displayName : me || t('phone')}</bdi>
              ${heldText ? html`<span>${icons.hold} ${heldText}</span>` : nothing}
            </div>`}
            ${this.playBlocked && peer
              ? html`<button part="button play-button" class="play" @click=${this.playRemote}>${icons.call} ${t('playBlocked')}</button>`
              : nothing}
            <video part="local-video" class="local ${corner}" tabindex="-1" autoplay playsinline muted disablepictureinpicture ?hidden=${!selfShown}
                   aria-label=${phone.shareStream ? t('yourScreen') : t('yourCamera')}></video>
            ${cameraOff && !heldText ? html`<div part="camera-off" class="local off ${corner}">${icons.cameraOff}<span>${t('cameraIsOff')}</span></div>` : nothing}
            ${call && !incoming && (selfShown || cameraOff) && !heldText ? cornerButton(this) : nothing}
            ${live && !incoming ? callInfo(this, this.stateText(state), stageButtons(this, remoteHasVideo ? this.remoteVideo : null)) : nothing}
            ${incomingBanner(
              this,
              ringingOf(this).ringer.blocked
                ? html`<button part="button sound-button" class="sound" @click=${() => this.requestUpdate()}>${icons.bell} ${t('soundBlocked')}</button>`
                : nothing,
            )}
            ${live && !incoming ? callBar(this, html`${shareButton(this)}${parkButton(this)}${transferControls(this)}`) : nothing}
          </div>
          ${open === nothing ? nothing : html`<div class="side">${open}</div>`}
        </div>
        ${heldLines(this)}${actionButtons(this)}${roomControls(this)}
        ${problem ? html`<div part="error" class="error" role="alert" data-code=${problem.code}>${say(t, problem)}</div>` : nothing}
        ${notice
          ? 'code' in notice
            ? html`<div part="notice" class="notice" role="alert">${say(t, notice)}</div>`
            : html`<div part="notice" class="notice">${say(t, notice)}</div>`
          : nothing}

        ${webrtcSupported() ? nothing : html`<div part="unsupported" class="notice">${t('e-webrtc-unsupported')}</div>`}
        <form part="dial" class="dial" @submit=${this.onDial} ?hidden=${!dialing}>
          <input part="target-input" type="text" inputmode="tel" autocomplete="off" spellcheck="false"
                 aria-label=${t('target')} placeholder=${t('target')} .value=${this.target} @input=${this.onTargetInput} ?disabled=${!dialing} />
          <button part="button call-button" class="accent" type="submit" @focus=${this.onCallFocus} title=${live ? t('holdAndCall') : t('call')}
                  ?disabled=${!canDial || (!!incoming && !phone.canAddCall)}>${icons.call}<span class="label">${t('call')}</span></button>
        </form>

        ${transferForm(this)}

        <slot name="dialpad"></slot>
      </div>
    `;
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // No call: no number field opened to add one, nothing to fade.
    if (!this.phone.currentCall) {
      this.adding = false;
      this.overlays.rest();
    }
    // What is on screen is read: the chat conversation shown, the missed calls once the list is open.
    if (this.panel === 'chat') chatOf(this).chat.read(this.chatPeer);
    if (this.panel === 'history') historyOf(this).list().seen();
    if (this.panel === 'roster' && !this.roster) this.panel = null;
  }

  /** The call state in words: how the last call ended, and "Ready" only when the phone is. */
  private stateText(state: CallState): string {
    const { phone } = this;
    if (state === 'idle') return phone.registrationState === 'registered' || phone.registrationState === 'guest' ? this.t(this.dnd ? 'dnd' : 'idle') : '';
    const end = phone.lastEnd;
    return this.t(state === 'ended' && end ? endKey(end) : state);
  }

  private onTargetInput(e: InputEvent): void {
    this.target = (e.target as HTMLInputElement).value;
    mediaOf(this).intent();
    // The chat follows the number being typed.
    chatOf(this).chat.chosen = null;
  }

  private onCallFocus(): void {
    // The person moved to Call; not the phone putting the focus back there after a call.
    if (!movingFocus.now) mediaOf(this).intent();
  }

  private onDial(e: SubmitEvent): void {
    e.preventDefault();
    void this.dial();
  }

  /** The name a call with this person (now or among the recent calls) gave, if any. */
  private readonly nameOf = (key: string): string | undefined => {
    const of = (uri: string) => peerKey(uri) === key;
    const name = this.phone.calls.find(c => of(c.remote))?.displayName ?? historyOf(this).list().entries.find(e => of(e.peer))?.displayName;
    return name && name !== userOf(key) ? name : undefined;
  };

  private readonly onPointer = (): void => {
    if (this.phone.currentCall) this.overlays.wake();
  };
}

const userOf = (key: string) => key.replace(/@.*/, '');

declare global {
  interface HTMLElementTagNameMap {
    'fs-video-phone': FsVideoPhone;
  }
}
