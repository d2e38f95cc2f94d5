import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import type { PhoneHost } from '../phone-base.js';
import type { TransferOptions } from '../../../sip/index.js';
import type { Translate } from '../../../i18n/i18n.js';

/** What the transfer views need from the element. */
export interface TransferHost extends PhoneHost {
  readonly t: Translate;
  transferDraft: string | null;
  transfer(target: string, options?: TransferOptions): boolean;
}

/** Transfers: blind (to a number typed in the transfer form) and attended (Complete transfer). */
export const Transfers = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class TransferFeature extends base {
    /** The number typed for a blind transfer while its form is open, else null. */
    @setting({ state: true }) transferDraft: string | null = null;

    /**
     * Transfer a call. Blind: `transfer(target)` asks the far end of the active call (or
     * `options.callId`) to call `target` (the **Transfer** button's form does this). Attended: after
     * calling the colleague on a second line (`call()` holds the first call),
     * `transfer(heldCallId, { replaces: consultCallId })` connects the held caller to them (REFER
     * with Replaces; the **Complete transfer** button does this). Progress comes as `fs-transfer`;
     * on success both of our calls end with reason `transferred`.
     */
    transfer(target: string, options?: TransferOptions): boolean {
      return this.phone.transfer(target, options);
    }
  }
  return TransferFeature;
};

/**
 * Transfer: a button that asks for the number (blind transfer) and, while another call waits on
 * hold, Complete transfer (the held caller is connected to the active call's party).
 */
export function transferControls(host: TransferHost) {
  const active = host.phone.currentCall;
  if (!active?.connectedAt) return nothing;
  const held = host.phone.calls.find(c => c.id !== active.id && c.connectedAt !== null);
  const { t } = host;
  return html`<button part="button transfer-button" type="button" aria-expanded=${host.transferDraft !== null ? 'true' : 'false'}
            @click=${() => openTransfer(host)}>${icons.transfer}<span class="label">${t('transfer')}</span></button>
    ${held
      ? html`<button part="button complete-transfer-button" type="button" @click=${() => host.transfer(held.id, { replaces: active.id })}
                     aria-label=${t('completeLabel', held.displayName, active.displayName)}>${icons.join}<span class="label">${t('complete')}</span></button>`
      : nothing}`;
}

/** The number field a blind transfer asks for. */
export function transferForm(host: TransferHost) {
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

function openTransfer(host: TransferHost): void {
  host.transferDraft = host.transferDraft === null ? '' : null;
  host.requestUpdate();
  // The number field takes the focus once it is there.
  if (host.transferDraft !== null) void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLInputElement>('[part~="transfer-input"]')?.focus());
}
