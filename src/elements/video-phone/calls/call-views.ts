import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { CallInfo } from '../../../sip/index.js';
import type { Translate } from '../../../i18n/i18n.js';

/** What the call views need from the element: the phone's calls and the person's intents. */
export interface CallViewHost {
  readonly phone: {
    readonly currentCall: CallInfo | null;
    readonly incomingCall: CallInfo | null;
    readonly calls: CallInfo[];
  };
  readonly t: Translate;
  answer(callId?: string): unknown;
  decline(callId?: string): unknown;
  hangup(callId?: string): unknown;
  swap(callId?: string): unknown;
}

const number = (c: CallInfo) => c.remote.replace(/^sips?:/, '');

/**
 * The incoming-call banner. During a connected call it offers Decline, Hold & answer (the
 * current call waits on hold) and End & answer; otherwise Answer and Decline. `extra` goes on a
 * row of its own at the bottom (the button that lets the ringtone sound).
 */
export function incomingBanner(host: CallViewHost, extra: unknown = nothing) {
  const incoming = host.phone.incomingCall;
  if (!incoming) return nothing;
  const { t } = host;
  const current = host.phone.currentCall;
  const waiting = !!current?.connectedAt;
  const answer = () => host.answer(incoming.id);
  const endAndAnswer = () => {
    host.hangup(current!.id);
    host.answer(incoming.id);
  };
  return html`<div part="incoming" class="banner" role="group" aria-label=${waiting ? t('callWaiting') : t('incoming')}>
    <div part="caller" class="caller">
      <bdi title=${incoming.displayName}>${incoming.displayName}</bdi>
      <span>${number(incoming)}</span>
    </div>
    <div class="banner-actions">
      ${waiting
        ? // Two glyphs each, told apart without words: pause + answer, hang up + answer.
          html`<button part="button answer-button" class="accent" title=${t('holdAnswer')} @click=${answer}>${icons.hold}${icons.call}<span class="label">${t('holdAnswer')}</span></button>
            <button part="button end-answer-button" class="accent" title=${t('endAnswer')} @click=${endAndAnswer}>${icons.hangup}${icons.call}<span class="label">${t('endAnswer')}</span></button>`
        : html`<button part="button answer-button" class="round accent" @click=${answer} aria-label=${t('answer')} title=${t('answer')}>${icons.call}</button>`}
      <button part="button decline-button" class="round danger" @click=${() => host.decline(incoming.id)} aria-label=${t('decline')} title=${t('decline')}>${icons.hangup}</button>
    </div>
    ${extra}
  </div>`;
}

/** The other calls that are up (on hold): one button each, which swaps to that call. */
export function heldLines(host: CallViewHost) {
  const active = host.phone.currentCall;
  const held = host.phone.calls.filter(c => c.id !== active?.id && c.connectedAt !== null);
  if (!held.length) return nothing;
  const { t } = host;
  return html`<ul part="lines" class="lines" aria-label=${t('callsOnHold')}>
    ${held.map(c => html`<li>
      <button part="button held-call" class="held-call" @click=${() => host.swap(c.id)}>${icons.hold}<span class="who">${t('onHold')} <bdi>${c.displayName}</bdi></span><span class="swap">${t('swap')}</span></button>
    </li>`)}
  </ul>`;
}

/** Up to two initials of a name made of words; '' for numbers, so the avatar shows an icon. */
export function initials(name: string): string {
  const words = name.match(/\p{L}[\p{L}'-]*/gu) ?? [];
  return words.slice(0, 2).map(w => w[0].toUpperCase()).join('');
}

export function setSource(video: HTMLVideoElement | undefined, stream: MediaStream | null): void {
  if (video && video.srcObject !== stream) video.srcObject = stream;
}
