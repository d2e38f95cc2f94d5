import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { html, nothing } from 'lit';
import type { PhoneHost } from '../phone-base.js';
import { wordsOf } from '../phone-base.js';
import { DEFAULTS } from '../../../sip/index.js';
import type { CredentialsSource } from '../../../sip/index.js';

/** Secrets: read from their attribute once, then the attribute is removed from the DOM. */
const SECRET_ATTRIBUTES = ['password', 'ha1'] as const;

/**
 * The account: the SIP address, the server(s), the credentials, the network settings, and
 * registration. `password` and `ha1` are read from their attribute once, then the attribute is
 * removed; they are never reflected, logged or put in an event.
 */
export const Account = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class AccountFeature extends base {
    static get observedAttributes(): string[] {
      // The base's getter, for this class (the element's): every setting's attribute, and the secrets'.
      return [...(Reflect.get(base, 'observedAttributes', this) as string[]), ...SECRET_ATTRIBUTES];
    }

    /** Your SIP address, e.g. `sip:1000@pbx.example.com` (`1000@pbx.example.com` works too). */
    @setting({ config: true }) sipUri = '';
    /**
     * SIP-over-WebSocket URL, `ws://` or `wss://`; several, separated by spaces or commas, for
     * failover, each with an optional `;weight=N` (0-100). The phone connects to the highest weight
     * (at random among equal weights) and, when that server goes away, to the next one, and
     * registers there.
     */
    @setting({ config: true }) wsUrl = '';
    /** SIP password. The attribute is read once and removed; prefer the property. */
    @setting({ config: true, attribute: false }) password = '';
    /**
     * Instead of `password`: MD5 of `user:realm:password`, with `realm`. Read once and removed, like
     * `password`.
     */
    @setting({ config: true, attribute: false }) ha1 = '';
    /**
     * Instead of `password`, for public pages: a URL of your own back end (fetched with the page's
     * cookies) answering short-lived credentials as JSON, `{ username, password | ha1, realm?,
     * expires }`; they are fetched again before `expires` (seconds), without interrupting a call.
     * `sip-uri` may be left out: the user is the part of `username` after its last `:`. A failed
     * fetch gives `credentials-failed` and is retried. See docs/public-pages.md.
     */
    @setting({ config: true }) credentialsUrl = '';
    /** Like `credentials-url`, from script: an async function answering the same object. */
    @setting({ config: true, attribute: false }) credentials: CredentialsSource | null = null;
    /** The digest realm `ha1` was computed for (FreeSWITCH: the domain). */
    @setting({ config: true }) realm = '';
    /** Name shown to the people you call. */
    @setting({ config: true }) displayName = '';
    /** Authentication user name when it differs. */
    @setting({ config: true }) authorizationUser = '';
    /**
     * Space-separated `stun:`/`turn:` URLs; the property also takes full `RTCIceServer` objects with
     * credentials. Type: string / `RTCIceServer[]`; default none.
     */
    @setting({ config: true }) iceServers: RTCIceServer[] | string = '';
    /**
     * `relay`: media only through a TURN server of `ice-servers` (a call fails with `media-error`
     * when none gives a relay); `all`: any path. Type: string; default `all`.
     */
    @setting({ config: true }) iceTransportPolicy = 'all';
    /** Longest wait for ICE candidates before the offer or answer leaves. Type: number (ms). */
    @setting({ config: true, type: Number }) iceGatheringTimeout: number = DEFAULTS.iceGatheringTimeout;
    /** Connect, but register only when `register()` is called. */
    @setting({ config: true, type: Boolean }) manualRegister = false;
    /**
     * `shared`: of the tabs of this browser with this account, one registers and rings; the others
     * show "Active in another tab" (`registration-state="elsewhere"`) with Use here, and take over
     * when that tab closes; a tab in a call is never taken over. `independent`: each tab registers
     * (as does one whose short-lived credentials name the user: it has no `sip-uri` to share).
     * Type: string; default `shared`.
     */
    @setting({ config: true }) multiTab = 'shared';
    /**
     * Calls without an account, for public pages: no password and no registration; the people
     * called see `display-name` from an anonymous guest, and no call comes in (chat and
     * notifications are hidden). `sip-uri` may be left out: numbers are dialled at the `ws-url`
     * host. A server that asks for credentials or refuses gives `not-for-guests`.
     */
    @setting({ config: true, type: Boolean }) guest = false;

    /** Registers now (with `manual-register`, or after `unregister()`). */
    register(): boolean {
      return this.phone.register();
    }

    /** Unregisters now; the phone stays connected, and `register()` registers again. */
    unregister(): boolean {
      return this.phone.unregister();
    }

    /** Moves the account here from another tab (`registration-state="elsewhere"`); false while that tab is in a call. */
    useHere(): boolean {
      return this.phone.useHere();
    }

    attributeChangedCallback(name: string, old: string | null, value: string | null): void {
      const secret = SECRET_ATTRIBUTES.find(n => n === name);
      if (!secret) {
        (super.attributeChangedCallback).call(this, name, old, value);
        return;
      }
      // Keep the secret out of the DOM: take it, then drop the attribute (its removal comes back
      // here with null, which is ignored; clear the secret through the property).
      if (value !== null) {
        this[secret] = value;
        this.removeAttribute(name);
      }
    }
  }
  return AccountFeature;
};

/** Use here: while another tab has the account. */
export function useHereButton(host: PhoneHost & { useHere(): boolean }) {
  return host.registrationState === 'elsewhere'
    ? html`<button part="button use-here-button" class="chip" type="button" @click=${() => host.useHere()}>${wordsOf(host)('useHere')}</button>`
    : nothing;
}
