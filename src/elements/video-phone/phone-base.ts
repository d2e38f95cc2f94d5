import { LitElement } from 'lit';
import type { ReactiveElement } from 'lit';
import type { PropertyValues, ReactiveController } from 'lit';
import { PhoneController } from './phone-controller.js';
import { Words } from '../../i18n/i18n.js';
import type { Strings, Translate } from '../../i18n/i18n.js';
import { CONFIG_SETTINGS, setting } from '../../internal/setting.js';
import type { Constructor } from '../../internal/setting.js';
import type { Phone } from '../../sip/index.js';
import type { CallState, RegistrationState } from '../../sip/types.js';

/** Which panel is open under the status line, or null. */
export type Panel = 'settings' | 'quality' | 'chat' | 'history' | 'contacts' | 'roster' | null;

/**
 * What every feature of `<fs-video-phone>` builds on (features are mixins over this, each in its
 * folder with its settings, state, methods, controller and views): the framework-free phone, the
 * bridge that turns its events into `fs-*` events, the element's words, and the open panel.
 */
export interface PhoneHost extends HTMLElement {
  readonly phone: Phone;
  readonly registrationState: RegistrationState;
  readonly callState: CallState;
  panel: Panel;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly updateComplete: Promise<boolean>;
  requestUpdate(): void;
  addController(controller: ReactiveController): void;
  removeController(controller: ReactiveController): void;
  attributeChangedCallback(name: string, old: string | null, value: string | null): void;
}

/** The bridge between the element and its core (for the features: they add `before()` hooks to it). */
export const bridgeOf = (el: PhoneHost): PhoneController => (el as PhoneBase).controller;

/** The element's words (for the features' controllers). */
export const wordsOf = (el: PhoneHost): Translate => (el as PhoneBase).t;

/**
 * Gives each element a `Controller` of a feature, made on first use: features keep their
 * controllers here rather than as members, so the element's published type shows only its API.
 */
export function featureController<C>(make: (el: PhoneHost) => C): (el: PhoneHost) => C {
  const made = new WeakMap<PhoneHost, C>();
  return el => {
    let c = made.get(el);
    if (!c) made.set(el, (c = make(el)));
    return c;
  };
}

/** Runs `init` on every element of the `feature` class (and its subclasses) as it is made. */
export function initialize(feature: Constructor<PhoneHost>, init: (el: PhoneHost) => unknown): void {
  (feature as unknown as typeof ReactiveElement).addInitializer(el => void init(el as unknown as PhoneHost));
}

/**
 * The base of `<fs-video-phone>`: the core phone and its bridge, the language, configuring the
 * core from the `config` settings, the element's lifetime, and the reflected states.
 */
export class PhoneBase extends LitElement implements PhoneHost {
  // Made on first use: the features make their controllers while the element is constructed,
  // before its own fields are set, and those use it.
  private bridge?: PhoneController;
  private readonly words = new Words(this);
  private configDirty = true;

  /** @internal */
  get controller(): PhoneController {
    return (this.bridge ??= new PhoneController(this));
  }

  /**
   * Your own words for any label, by key (see `src/i18n/en.ts`), in every language: e.g.
   * `{ call: 'Dial' }`. The language itself comes from `lang` (the element's, else the nearest
   * ancestor's); built in are `en` and `zh-CN`.
   */
  @setting({ attribute: false }) strings: Strings | null = null;

  /** Which panel is open under the status line, or null. */
  @setting({ state: true }) panel: Panel = null;

  /** The framework-free phone behind the element (`fs-video-phone/sip`'s `SipPhone`). */
  get phone(): Phone {
    return this.controller.phone;
  }

  /** @internal Looks a label up in the element's language (for the views). */
  get t(): Translate {
    return this.words.t;
  }

  /** The language the phone speaks: its `lang`, else the nearest ancestor's (e.g. `zh-CN`), else `en`. */
  get language(): string {
    return this.words.lang;
  }

  /** Registration state, always current (read-only; reflected as `registration-state` for styling). */
  get registrationState(): RegistrationState {
    return this.phone.registrationState;
  }

  /** The active call's state, always current (read-only; reflected as `call-state` for styling). */
  get callState(): CallState {
    return this.phone.callState;
  }

  /** `{code, message}` | `null`: The problem currently shown in the UI. */
  get error(): { code: string; message: string } | null {
    const p = this.phone.problem;
    return p ? { code: p.code, message: p.message } : null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (!this.phone.domain) this.configDirty = true;
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    // Wait a microtask: moving the element within the page disconnects and reconnects it, and
    // that must not hang up a call or drop the registration.
    queueMicrotask(() => {
      if (!this.isConnected) {
        this.phone.stop();
        this.configDirty = true;
      }
    });
  }

  protected willUpdate(changed: PropertyValues<this>): void {
    for (const name of CONFIG_SETTINGS) if ((changed as Map<PropertyKey, unknown>).has(name)) this.configDirty = true;
    reflect(this, 'registration-state', this.registrationState);
    reflect(this, 'call-state', this.callState);
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the features' and the view's updated() pass it on
  protected updated(_changed: PropertyValues<this>): void {
    if (!this.configDirty || !this.isConnected) return;
    this.configDirty = false;
    const self = this as unknown as Record<string, unknown>;
    const options: Record<string, unknown> = {};
    for (const name of CONFIG_SETTINGS) options[name] = self[name];
    this.phone.configure(options);
  }
}

function reflect(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
