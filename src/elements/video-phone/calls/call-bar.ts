import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { Phone } from '../../../sip/index.js';
import type { Translate } from '../../../i18n/i18n.js';
import { clock } from '../words.js';

/** What the call's overlays need from the element. */
export interface CallBarHost extends HTMLElement {
  readonly phone: Phone;
  readonly t: Translate;
  /** The number field is open during a call, to add another one. */
  adding: boolean;
  /** Which corner of the stage the self-view sits in, clockwise from the top start. */
  selfCorner: number;
  setMuted(options: { audio?: boolean; video?: boolean }): boolean;
  hold(callId?: string): boolean;
  unhold(callId?: string): boolean;
  hangup(callId?: string): boolean;
}

const label = (text: string) => html`<span class="label">${text}</span>`;

/**
 * Over the stage's top edge while a call is up or going out: who, the call's state, how long it
 * has been connected, and `extra` (the quality chip, picture-in-picture, full screen).
 */
export function callInfo(host: CallBarHost, state: string, extra: unknown) {
  const call = host.phone.currentCall;
  if (!call) return nothing;
  const { t } = host;
  return html`<div class="overlay top-bar">
    <div class="who">
      <bdi part="peer-name" class="name" title=${call.displayName}>${call.displayName}</bdi>
      <span part="call-status" class="call-status">${state}${call.remoteHeld ? ` (${t('remoteHeld')})` : ''}</span>
    </div>
    ${call.connectedAt ? html`<span part="timer" class="timer">${clock(Date.now() - call.connectedAt)}</span>` : nothing}
    ${extra}
  </div>`;
}

/**
 * Over the stage's bottom edge: microphone, camera and hold while connected, `extra` (share,
 * transfer), Add call while there is room for another, and Hang up, last and red.
 */
export function callBar(host: CallBarHost, extra: TemplateResult | typeof nothing) {
  const { phone, t } = host;
  const state = phone.callState;
  const connected = state === 'connected' || state === 'held';
  const muted = phone.muted;
  const hasCamera = !!phone.localStream?.getVideoTracks().length;
  return html`<div part="controls" class="overlay call-bar" role="toolbar" aria-label=${t('callControls')}>
    ${connected
      ? html`<button part="button mute-button" type="button" aria-pressed=${muted.audio ? 'true' : 'false'} title=${t('mute')}
                   @click=${() => host.setMuted({ audio: !muted.audio })}>${muted.audio ? icons.micOff : icons.mic}${label(t('mute'))}</button>
          <button part="button camera-button" type="button" aria-pressed=${muted.video ? 'true' : 'false'} title=${t('camera')}
                  ?disabled=${!hasCamera} @click=${() => host.setMuted({ video: !muted.video })}>${muted.video ? icons.cameraOff : icons.camera}${label(t('camera'))}</button>
          <button part="button hold-button" type="button" aria-pressed=${state === 'held' ? 'true' : 'false'} title=${t('hold')}
                  @click=${() => (state === 'held' ? host.unhold() : host.hold())}>${state === 'held' ? icons.resume : icons.hold}${label(t('hold'))}</button>
          ${extra}
          ${phone.canAddCall
            ? html`<button part="button add-call-button" type="button" aria-expanded=${host.adding ? 'true' : 'false'} title=${t('addCall')}
                         @click=${() => (host.adding = !host.adding)}>${icons.add}${label(t('addCall'))}</button>`
            : nothing}`
      : nothing}
    <button part="button hangup-button" class="danger" type="button" title=${t('hangup')} @click=${() => host.hangup()}>${icons.hangup}${label(t('hangup'))}</button>
  </div>`;
}

/** On the self-view during a call: moves it to the next corner of the stage. */
export function cornerButton(host: CallBarHost) {
  const { t } = host;
  return html`<button part="button self-view-corner-button" class="corner-button corner-${host.selfCorner}" type="button"
      aria-label=${t('moveSelfView')} title=${t('moveSelfView')} @click=${() => (host.selfCorner = (host.selfCorner + 1) % 4)}>${icons.corner}</button>`;
}
