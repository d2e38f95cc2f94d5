import type { ReactiveController } from 'lit';
import { setting } from '../../../internal/setting.js';
import type { Constructor } from '../../../internal/setting.js';
import { bridgeOf, featureController, initialize, wordsOf } from '../phone-base.js';
import type { PhoneHost } from '../phone-base.js';
import { Ringer } from './ringer.js';
import type { IncomingCallDetail } from '../../../sip/types.js';

/** What ringing needs from the element. */
interface RingingHost extends PhoneHost {
  readonly noRingtone: boolean;
  readonly ringtone: string;
  readonly ringback: string;
  readonly notify: boolean;
}

/**
 * Rings while a call rings here (with no call up) and rings back while the far end rings, as the
 * core's `tone` says; shows a desktop notification for a call ringing in a hidden tab; starts the
 * sound at the first click or key on the page when the browser held it back.
 */
export class RingingController implements ReactiveController {
  readonly ringer: Ringer;
  /** The desktop notification of a call ringing in a hidden tab. */
  private notification: Notification | null = null;
  private quiet = false;

  constructor(private readonly host: RingingHost) {
    this.ringer = new Ringer(() => host.requestUpdate());
    host.addController(this);
    host.phone.addEventListener('change', this.ring);
    bridgeOf(host).before('incoming-call', detail => this.notifyIncoming(detail));
  }

  hostConnected(): void {
    addEventListener('pointerdown', this.unlock, true);
    addEventListener('keydown', this.unlock, true);
    this.ring();
  }

  /** `no-ringtone` changed: stop (or start) at once. */
  hostUpdate(): void {
    if (this.host.noRingtone !== this.quiet) {
      this.quiet = this.host.noRingtone;
      this.ring();
    }
  }

  hostDisconnected(): void {
    removeEventListener('pointerdown', this.unlock, true);
    removeEventListener('keydown', this.unlock, true);
    this.ringer.close();
  }

  /** Plays the tone the phone asks for, or none. */
  readonly ring = (): void => {
    const { host } = this;
    const tone = host.phone.tone;
    if (host.noRingtone || !host.isConnected || !tone) this.ringer.stop();
    else this.ringer.play(tone, tone === 'ringtone' ? host.ringtone : host.ringback);
    if (!host.phone.incomingCall) {
      this.notification?.close();
      this.notification = null;
    }
  };

  /** A call rings here while the page is hidden: a desktop notification, when allowed. */
  private notifyIncoming({ from, displayName }: IncomingCallDetail): void {
    if (!this.host.notify || !document.hidden || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const number = from.replace(/^sips?:/, '');
    const n = new Notification(wordsOf(this.host)('incoming'), { body: displayName && displayName !== number ? `${displayName}\n${number}` : number, tag: 'fs-video-phone-call', requireInteraction: true });
    n.onclick = () => {
      focus();
      n.close();
    };
    this.notification = n;
  }

  private readonly unlock = (): void => {
    this.ringer.unlock();
    this.host.requestUpdate();
  };
}

/** The ringing of an element. */
export const ringingOf = featureController(el => new RingingController(el as RingingHost));

/** Ringing: the ringtone and ringback, and desktop notifications for calls ringing in a hidden tab. */
export const Ringing = <T extends Constructor<PhoneHost>>(base: T) => {
  abstract class RingingFeature extends base {
    /**
     * No ringtone for calls that ring here and no ringback while the far end rings. By default both
     * are played, made with Web Audio (no sound files): the ringtone while a call rings here and no
     * call is up, the ringback after 180 Ringing unless the far end sends its own sound (183 with
     * SDP). If the browser holds sound back until the person interacts with the page, a "Click to
     * enable sound" button shows (part `sound-button`); any click or key press on the page enables
     * it. Ringing stops on answer, decline, cancel and when the element is removed.
     */
    @setting({ type: Boolean }) noRingtone = false;
    /** A sound file to loop instead of the built-in ringtone. Type: URL; default built-in tone. */
    @setting() ringtone = '';
    /** A sound file to loop instead of the built-in ringback. Type: URL; default built-in tone. */
    @setting() ringback = '';
    /**
     * Show a desktop notification (caller's name and number) when a call rings while the page's tab
     * is hidden; a click on it brings the page to the front, and it closes when the call stops
     * ringing. A bell button (part `notify-button`) asks for the browser's permission when the person
     * clicks it; the phone never asks on page load.
     */
    @setting({ type: Boolean }) notify = false;
    /** What is ringing now. */
    get ringing(): 'ringtone' | 'ringback' | null {
      return ringingOf(this).ringer.playing;
    }
  }
  initialize(RingingFeature, ringingOf);
  return RingingFeature;
};
