import { html, nothing } from 'lit';
import { icons } from '../../../internal/icons.js';
import type { Phone } from '../../../sip/index.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { CallAction } from './desk.js';

/** What the desk's views need from the element. */
export interface DeskViewHost {
  readonly phone: Phone;
  readonly t: Translate;
  panel: string | null;
  dnd: boolean;
  readonly actions: CallAction[];
  readonly voicemailNumber: string;
  readonly pickupNumber: string;
  readonly parkNumber: string;
  call(target?: string): Promise<boolean>;
  callContact(uri: string): Promise<boolean>;
  park(): boolean;
  sendDtmf(tones: string): boolean;
}

const LAMP_WORD = { available: 'available', ringing: 'ringing', busy: 'busyLamp', offline: 'offline' } as const;

/**
 * The status line's desk chips: do-not-disturb while it is on (a click turns it off), the voicemail
 * button once the server has told the box's counts (new messages on its badge), and the contacts
 * button when there are contacts (a dot while one of them rings).
 */
export function deskChips(host: DeskViewHost) {
  const { phone, t } = host;
  const box = phone.desk.voicemail;
  const contacts = phone.desk.contacts;
  return html`${host.dnd
    ? html`<button part="button dnd-button" class="chip" type="button" aria-pressed="true" @click=${() => (host.dnd = false)}
                   aria-label=${t('dndOn')} title=${t('dndOn')}>${icons.dnd}</button>`
    : nothing}${box && host.voicemailNumber
    ? html`<button part="button voicemail-button" class="chip" type="button" @click=${() => host.call(host.voicemailNumber)}
                   aria-label=${box.new ? t('voicemailNew', box.new) : t('voicemail')} title=${t('voicemail')}>${icons.voicemail}${box.new
        ? html`<span part="voicemail-badge" class="badge" aria-hidden="true">${box.new}</span>`
        : nothing}</button>`
    : nothing}${contacts.length
    ? html`<button part="button contacts-button" class="chip" type="button" aria-expanded=${host.panel === 'contacts' ? 'true' : 'false'}
                   @click=${() => (host.panel = host.panel === 'contacts' ? null : 'contacts')} aria-label=${t('contacts')} title=${t('contacts')}>${icons.contacts}${contacts.some(c => c.state === 'ringing')
        ? html`<span class="badge ring" aria-hidden="true"></span>`
        : nothing}</button>`
    : nothing}`;
}

/** The contacts with their lamps: a click calls one, or picks up the call ringing there; Pick up (the group's ringing call) under them. */
export function contactsPanel(host: DeskViewHost) {
  const { phone, t } = host;
  return html`<div part="contacts" class="panel contacts" role="group" aria-label=${t('contacts')}>
    <ul>
      ${phone.desk.contacts.map(c => {
        const state = t(LAMP_WORD[c.state]);
        const number = c.uri.replace(/^sips?:/, '').replace(/@.*/, '');
        // Its name is what it shows (name, number, state); what a click does is its description.
        return html`<li><button part="button contact" type="button" data-state=${c.state} @click=${() => host.callContact(c.uri)}
            title=${c.state === 'ringing' ? t('pickUpContact', c.name) : t('callContact', c.name)}>
          <span part="lamp" class="lamp" aria-hidden="true"></span>
          <bdi>${c.name}</bdi> <small>${c.name === number ? '' : `${number} · `}${state}</small>
        </button></li>`;
      })}
    </ul>
    ${host.pickupNumber ? html`<button part="button pickup-button" type="button" @click=${() => host.call(host.pickupNumber)}>${icons.call}<span>${t('pickup')}</span></button>` : nothing}
  </div>`;
}

/** In a connected call: Park (with the other call controls). */
export function parkButton(host: DeskViewHost) {
  const { t } = host;
  return host.phone.currentCall?.connectedAt && host.parkNumber
    ? html`<button part="button park-button" type="button" title=${t('park')} @click=${() => host.park()}>${icons.park}<span class="label">${t('park')}</span></button>`
    : nothing;
}

/** In a connected call: the page's door and intercom buttons, each sending its DTMF. */
export function actionButtons(host: DeskViewHost) {
  const actions = Array.isArray(host.actions) ? host.actions.filter(a => a && a.label && a.dtmf) : [];
  return actions.length && host.phone.currentCall?.connectedAt
    ? html`<div part="call-actions" class="call-actions" role="toolbar" aria-label=${host.t('callActions')}>
        ${actions.map(a => html`<button part="button action-button" type="button" @click=${() => host.sendDtmf(String(a.dtmf))}>${String(a.label)}</button>`)}
      </div>`
    : nothing;
}

/** In the settings panel: the do-not-disturb switch. */
export function dndToggle(host: Pick<DeskViewHost, 'dnd' | 't'>) {
  return html`<button part="button dnd-toggle" type="button" aria-pressed=${host.dnd ? 'true' : 'false'} @click=${() => (host.dnd = !host.dnd)}>${icons.dnd}<span>${host.t('dnd')}</span></button>`;
}
