import { html, nothing } from 'lit';
import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { icons } from '../../../internal/icons.js';
import type { PhoneHost } from '../phone-base.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { RosterMember } from '../../../sip/index.js';

/** What the room's views need from the element. */
interface RoomViewHost extends PhoneHost {
  readonly t: Translate;
  readonly roomKeys: string;
  sendDtmf(tones: string): boolean;
}

/** The room controls, in the order they show: what each asks the room for. */
const CONTROLS = ['mute', 'deaf', 'quieter', 'louder'] as const;
const WORD = { mute: 'roomMute', deaf: 'roomDeaf', quieter: 'roomQuieter', louder: 'roomLouder' } as const;

/**
 * A call to a conference room: who is in it (the People panel, from the room's conference-info
 * notifications) and buttons for what the room offers over DTMF.
 */
export const Rooms = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class RoomFeature extends base {
    /**
     * The room's DTMF key for each room control (a FreeSWITCH conference profile's caller
     * controls; these are its defaults): `mute` toggles our sound in the room, `deaf` our hearing it,
     * `quieter` / `louder` its volume for us. A control without a key has no button.
     */
    @setting() roomKeys = 'mute=0 deaf=* quieter=4 louder=6';

    /** `{uri, number, name, audioMuted, deaf, videoMuted, talking, floor, self}[]`: who is in the active call's conference room, once the room has said (else null). */
    get roster(): RosterMember[] | null {
      return this.phone.currentCall?.roster ?? null;
    }
  }
  return RoomFeature;
};

/** `mute=0 deaf=*` → each control's key. */
const keysOf = (value: string) => Object.fromEntries([...String(value ?? '').matchAll(/(\w+)=([0-9*#A-D]+)/gi)].map(m => [m[1], m[2]]));

/** In a call to a room: People (once the room told who is in it) and the room controls. */
export function roomControls(host: RoomViewHost) {
  const call = host.phone.currentCall;
  if (!call?.room || call.state !== 'connected') return nothing;
  const { t } = host;
  const keys = keysOf(host.roomKeys);
  return html`<div part="room-controls" class="call-actions" role="toolbar" aria-label=${t('roomControls')}>
    ${call.roster
      ? html`<button part="button people-button" type="button" aria-expanded=${host.panel === 'roster' ? 'true' : 'false'}
                     @click=${() => (host.panel = host.panel === 'roster' ? null : 'roster')}>${icons.contacts}<span>${t('people', call.roster.length)}</span></button>`
      : nothing}
    ${CONTROLS.filter(c => keys[c]).map(c => html`<button part="button room-button" type="button" data-control=${c} @click=${() => host.sendDtmf(keys[c])}>${t(WORD[c])}</button>`)}
  </div>`;
}

/** The People panel: each member with what the room says of them. */
export function rosterPanel(host: RoomViewHost) {
  const { t } = host;
  const members = host.phone.currentCall?.roster ?? [];
  return html`<div part="roster" class="panel contacts" role="group" aria-label=${t('people', members.length)}>
    <ul>
      ${members.map(m => {
        const states = [m.self && t('you'), m.talking && t('talking'), m.floor && t('onScreen'), m.audioMuted && t('mutedInRoom'), m.deaf && t('deafInRoom'), m.videoMuted && t('noVideo')].filter(Boolean);
        return html`<li part="member" data-talking=${m.talking} data-muted=${m.audioMuted} ?data-self=${m.self}>
          <span part="lamp" class="lamp" aria-hidden="true"></span>
          <bdi title=${m.name}>${m.name}</bdi> <small>${m.name === m.number ? '' : `${m.number} · `}${states.join(' · ')}</small>
        </li>`;
      })}
    </ul>
  </div>`;
}
