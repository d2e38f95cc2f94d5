import { html, nothing } from 'lit';
import { icons } from '../../internal/icons.js';
import type { CallInfo } from '../../sip/index.js';
import type { Translate } from '../../i18n/i18n.js';

/** What the call views need from the element: the phone's calls and the person's intents. */
export interface CallViewHost {
  readonly phone: {
    readonly currentCall: CallInfo | null;
    readonly incomingCall: CallInfo | null;
    readonly calls: CallInfo[];
  };
  transferDraft: string | null;
  readonly t: Translate;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  answer(callId?: string): unknown;
  decline(callId?: string): unknown;
  hangup(callId?: string): unknown;
  swap(callId?: string): unknown;
  transfer(target: string, options?: { callId?: string; replaces?: string }): unknown;
  requestUpdate(): void;
}

const number = (c: CallInfo) => c.remote.replace(/^sips?:/, '');

/**
 * The incoming-call banner. During a connected call it offers Decline, Hold & answer (the
 * current call waits on hold) and End & answer; otherwise Answer and Decline.
 */
export function incomingBanner(host: CallViewHost) {
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
        ? html`<button part="button answer-button" class="accent" @click=${answer}>${icons.hold}<span class="label">${t('holdAnswer')}</span></button>
            <button part="button end-answer-button" class="accent" @click=${endAndAnswer}>${icons.call}<span class="label">${t('endAnswer')}</span></button>`
        : html`<button part="button answer-button" class="round accent" @click=${answer} aria-label=${t('answer')} title=${t('answer')}>${icons.call}</button>`}
      <button part="button decline-button" class="round danger" @click=${() => host.decline(incoming.id)} aria-label=${t('decline')} title=${t('decline')}>${icons.hangup}</button>
    </div>
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

/**
 * Transfer: a button that asks for the number (blind transfer) and, while another call waits on
 * hold, Complete transfer (the held caller is connected to the active call's party).
 */
export function transferControls(host: CallViewHost) {
  const active = host.phone.currentCall;
  if (!active?.connectedAt) return nothing;
  const held = host.phone.calls.find(c => c.id !== active.id && c.connectedAt !== null);
  const { t } = host;
  return html`<button part="button transfer-button" type="button" aria-expanded=${host.transferDraft !== null ? 'true' : 'false'}
            @click=${() => openTransfer(host)}>${icons.transfer}<span class="label">${t('transfer')}</span></button>
    ${held
      ? html`<button part="button complete-transfer-button" type="button" @click=${() => host.transfer(held.id, { replaces: active.id })}
                     aria-label=${t('completeLabel', held.displayName, active.displayName)}>${icons.transfer}<span class="label">${t('complete')}</span></button>`
      : nothing}`;
}

/** The number field a blind transfer asks for. */
export function transferForm(host: CallViewHost) {
  if (host.transferDraft === null || !host.phone.currentCall?.connectedAt) return nothing;
  const { t } = host;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const target = (host.transferDraft ?? '').trim();
    if (!target) return;
    host.transferDraft = null;
    host.transfer(target);
    host.requestUpdate();
  };
  const cancel = () => {
    host.transferDraft = null;
    host.requestUpdate();
  };
  // Escape closes the form (and goes no further: it would hang up the call).
  const keydown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    cancel();
  };
  return html`<form part="transfer-form" class="dial" @submit=${submit} @keydown=${keydown}>
    <input part="transfer-input" type="text" inputmode="tel" autocomplete="off" spellcheck="false"
           aria-label=${t('transferTo')} placeholder=${t('transferTo')} .value=${host.transferDraft}
           @input=${(e: InputEvent) => (host.transferDraft = (e.target as HTMLInputElement).value)} />
    <button part="button transfer-submit-button" class="accent" type="submit">${icons.transfer}<span class="label">${t('transfer')}</span></button>
    <button part="button transfer-cancel-button" type="button" @click=${cancel} aria-label=${t('cancel')} title=${t('cancel')}>✕</button>
  </form>`;
}

function openTransfer(host: CallViewHost): void {
  host.transferDraft = host.transferDraft === null ? '' : null;
  host.requestUpdate();
  // The number field takes the focus once it is there.
  if (host.transferDraft !== null) void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLInputElement>('[part~="transfer-input"]')?.focus());
}
