import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { Translate } from '../../../i18n/i18n.js';

const NOTIFY_TEXT = { default: 'notifyOff', granted: 'notifyOn', denied: 'notifyDenied' } as const;

/** With `notify`: the bell that asks for permission to notify, from the person's click (never on load). */
export function bellButton(host: { readonly t: Translate; requestUpdate(): void }) {
  if (typeof Notification === 'undefined') return nothing;
  const permission = Notification.permission;
  const ask = () => Notification.requestPermission().then(() => host.requestUpdate());
  const { t } = host;
  return html`<button part="button notify-button" class="chip" type="button" aria-pressed=${permission === 'granted' ? 'true' : 'false'}
      ?disabled=${permission === 'denied'} @click=${ask} title=${t(NOTIFY_TEXT[permission])} aria-label=${t('notify')}>${icons.bell}</button>`;
}
