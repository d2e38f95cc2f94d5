import { LitElement, html, nothing } from 'lit';
import { setting } from '../../internal/setting.js';
import { styles } from './dialpad.styles.js';
import { icons } from '../../internal/icons.js';
import { emit } from '../../internal/emit.js';
import type { FsVideoPhone } from '../video-phone/video-phone.js';
import { Words } from '../../i18n/i18n.js';
import type { Strings } from '../../i18n/i18n.js';

const KEYS: ReadonlyArray<{ key: string; part: string; letters: string }> = [
  { key: '1', part: 'key-1', letters: '' },
  { key: '2', part: 'key-2', letters: 'ABC' },
  { key: '3', part: 'key-3', letters: 'DEF' },
  { key: '4', part: 'key-4', letters: 'GHI' },
  { key: '5', part: 'key-5', letters: 'JKL' },
  { key: '6', part: 'key-6', letters: 'MNO' },
  { key: '7', part: 'key-7', letters: 'PQRS' },
  { key: '8', part: 'key-8', letters: 'TUV' },
  { key: '9', part: 'key-9', letters: 'WXYZ' },
  { key: '*', part: 'key-star', letters: '' },
  { key: '0', part: 'key-0', letters: '+' },
  { key: '#', part: 'key-hash', letters: '' },
];
const KEY_SET = new Set(KEYS.map(k => k.key));
/** The linked phone's events the keypad redraws on (its call key and tones display follow the calls). */
const FOLLOWED = ['fs-incoming-call', 'fs-call-progress', 'fs-call-connected', 'fs-call-ended'];
const MAX_LENGTH = 64;
/** Holding 0 this long types + (as on a mobile phone). */
const LONG_PRESS_MS = 600;

/**
 * A telephone keypad. Linked to an `<fs-video-phone>`, it types into the phone's own number field
 * (it shows no number of its own) and its Call is the phone's Call, while the phone is idle; while
 * a call is up it sends DTMF and shows the tones sent. Unlinked, it shows what is typed and only
 * emits events. Keyboard: digits, `*`, `#`, `+`
 * (or hold 0), Backspace/Delete, Enter to call (on the keypad itself or Call), Escape to decline
 * or hang up.
 *
 * @tag fs-dialpad
 *
 * @attribute theme - `light` or `dark` fixes the colour scheme; without it the keypad follows `prefers-color-scheme`.
 *
 * @fires fs-dialpad-key - A key was pressed; `detail.key`.
 * @fires fs-dialpad-submit - The call key was pressed; `detail.value` is the typed number.
 *
 * @csspart base - The keypad's frame.
 * @csspart display - The typed number (or the tones sent during a call).
 * @csspart keys - The grid of keys.
 * @csspart key - Every key (also `key-0` … `key-9`, `key-star`, `key-hash`).
 * @csspart backspace-button - Deletes the last digit.
 * @csspart call-button - Dials the typed number.
 *
 * @cssprop [--fs-background=light-dark(#fff, #0f172a)] - Frame background.
 * @cssprop [--fs-foreground=light-dark(#0f172a, #e2e8f0)] - Text colour.
 * @cssprop [--fs-muted-foreground=light-dark(#475569, #94a3b8)] - Letters under digits.
 * @cssprop [--fs-surface=light-dark(#f1f5f9, #1e293b)] - Key background.
 * @cssprop [--fs-border=light-dark(#cbd5e1, #334155)] - Borders.
 * @cssprop [--fs-accent=light-dark(#16a34a, #22c55e)] - Call key and focus ring.
 * @cssprop [--fs-accent-foreground=#052e16] - Text and icon on the call key.
 * @cssprop [--fs-radius=12px] - Corner radius.
 * @cssprop [--fs-font=system-ui, sans-serif] - Font family.
 * @cssprop [--fs-dialpad-key-size=56px] - Height of a key.
 */
export class FsDialpad extends LitElement {
  static styles = styles;

  /** `id` of the `<fs-video-phone>` to drive. Default: the closest ancestor phone, else the only one on the page. */
  @setting() for = '';
  /** The typed number. */
  @setting() value = '';
  /** Your own words for its labels, by key, as on `<fs-video-phone>` (`dialpad`, `number`, `tonesSent`, `backspace`, `call`). */
  @setting({ attribute: false }) strings: Strings | null = null;

  /** Tones sent during the current call. */
  @setting({ state: true }) private sent = '';
  private linked: FsVideoPhone | null = null;
  private readonly words = new Words(this);
  /** The group label is ours (not the page's), so it follows the language. */
  private ownLabel = false;
  private longPress: ReturnType<typeof setTimeout> | undefined;
  private longPressed = false;

  connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    if (!this.hasAttribute('role')) this.setAttribute('role', 'group');
    this.ownLabel ||= !this.hasAttribute('aria-label');
    this.addEventListener('keydown', this.onKeydown);
    this.link();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKeydown);
    this.release();
    this.watch(null);
  }

  /** The phone this keypad drives, or null. */
  get phone(): FsVideoPhone | null {
    return this.link();
  }

  /** Presses a key as if clicked: `0`-`9`, `*`, `#`, and `+` (which is not a tone: typed only outside calls). */
  press(key: string): void {
    if (!KEY_SET.has(key) && key !== '+') return;
    const phone = this.link();
    const inCall = phone && (phone.callState === 'connected' || phone.callState === 'held');
    if (inCall && key === '+') return;
    emit(this, 'fs-dialpad-key', { key });
    if (inCall) {
      if (phone.sendDtmf(key)) this.sent = (this.sent + key).slice(-MAX_LENGTH);
      return;
    }
    this.setValue((this.typed() + key).slice(0, MAX_LENGTH));
    phone?.prepareCall();
  }

  /** Deletes the last digit. */
  backspace(): void {
    this.setValue(this.typed().slice(0, -1));
  }

  /**
   * Presses Call: the linked phone's Call (it calls the number in its field, or asks for one);
   * unlinked, emits `fs-dialpad-submit` with the typed number.
   */
  submit(): void {
    const phone = this.link();
    const value = this.typed();
    emit(this, 'fs-dialpad-submit', { value });
    if (phone && (phone.callState === 'idle' || phone.callState === 'ended')) void phone.dial().then(() => this.requestUpdate());
  }

  /** The number typed so far: the linked phone's field, else this keypad's own. */
  private typed(): string {
    return this.linked ? this.linked.target : this.value;
  }

  protected updated(): void {
    if (this.ownLabel) this.setAttribute('aria-label', this.words.t('dialpad'));
  }

  protected render() {
    const { t } = this.words;
    const phone = this.linked;
    const inCall = !!this.sent || (phone && (phone.callState === 'connected' || phone.callState === 'held'));
    // The phone's Call stands for ours while a call goes out or rings in.
    const busy = !!phone && !inCall && phone.callState !== 'idle' && phone.callState !== 'ended';
    const backspace = html`<button part="backspace-button" class="backspace" type="button" aria-label=${t('backspace')} title=${t('backspace')}
        @click=${this.backspace}>${icons.backspace}</button>`;
    return html`
      <div part="base" class="base">
        ${inCall || !phone
          ? html`<div class="display-row">
              <output part="display" class="display" aria-live="polite" aria-label=${t(inCall ? 'tonesSent' : 'number')}>${inCall ? this.sent : this.value}</output>
              ${inCall ? nothing : backspace}
            </div>`
          : nothing}
        <div part="keys" class="keys">
          ${KEYS.map(
            k => html`<button part="key ${k.part}" class="key" type="button" @click=${() => this.onKey(k.key)}
                              @pointerdown=${k.key === '0' ? this.holdZero : nothing} @pointerup=${this.release} @pointerleave=${this.release}>
              <span class="digit">${k.key}</span>${k.letters ? html`<span class="letters">${k.letters}</span>` : ''}
            </button>`,
          )}
        </div>
        <div class="call-row" ?hidden=${!!inCall || busy}>
          <button part="call-button" class="call" type="button" @click=${this.submit}>${icons.call}<span>${t('call')}</span></button>
          ${phone ? backspace : nothing}
        </div>
      </div>
    `;
  }

  private onKey(key: string): void {
    // A click that ends a long press of 0 has typed + already.
    if (this.longPressed) this.longPressed = false;
    else this.press(key);
  }

  private readonly holdZero = (): void => {
    this.release();
    this.longPress = setTimeout(() => {
      this.longPressed = true;
      this.press('+');
    }, LONG_PRESS_MS);
  };

  private readonly release = (): void => {
    clearTimeout(this.longPress);
  };

  private setValue(value: string): void {
    this.value = value;
    const phone = this.link();
    if (phone) phone.target = value;
  }

  protected willUpdate(): void {
    // Linked: the phone's field is the number (typed there or here).
    if (this.linked) this.value = this.linked.target;
  }

  /** Finds the phone to drive (it may be defined or added after the keypad) and follows its calls. */
  private link(): FsVideoPhone | null {
    let phone: Element | null;
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      phone = root.getElementById?.(this.for) ?? document.getElementById(this.for);
    } else {
      phone = this.closest('fs-video-phone');
      if (!phone) {
        const all = document.querySelectorAll('fs-video-phone');
        phone = all.length === 1 ? all[0] : null;
      }
    }
    const found = phone && phone.localName === 'fs-video-phone' && 'sendDtmf' in phone ? (phone as FsVideoPhone) : null;
    if (found !== this.linked) this.watch(found);
    return found;
  }

  private watch(phone: FsVideoPhone | null): void {
    for (const type of FOLLOWED) this.linked?.removeEventListener(type, this.onCallChange);
    this.linked = phone;
    for (const type of FOLLOWED) phone?.addEventListener(type, this.onCallChange);
    this.requestUpdate();
  }

  private readonly onCallChange = (e: Event): void => {
    if (e.type === 'fs-call-connected' || e.type === 'fs-call-ended') this.sent = '';
    this.requestUpdate();
  };

  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const phone = this.link();
    // Enter on a focused key or on Delete presses that button (the browser's own click).
    const onButton = e.composedPath()[0] instanceof HTMLButtonElement;
    if (KEY_SET.has(e.key) || e.key === '+') this.press(e.key);
    else if (e.key === 'Backspace' || e.key === 'Delete') this.backspace();
    else if (e.key === 'Enter' && !onButton) this.submit();
    else if (e.key === 'Escape' && phone?.incomingCall) phone.decline(phone.incomingCall.id);
    else if (e.key === 'Escape' && phone?.currentCall) phone.hangup();
    else return;
    e.preventDefault();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'fs-dialpad': FsDialpad;
  }
}
