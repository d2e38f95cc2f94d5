import { LitElement, html, nothing } from 'lit';
import { setting } from '../../internal/setting.js';
import { icons } from '../../internal/icons.js';
import { Words } from '../../i18n/i18n.js';
import type { Strings } from '../../i18n/i18n.js';
// The call view's phone: the element module itself, so its tag and attributes are known here.
import type { FsVideoPhone } from '../video-phone/video-phone.js';
import '../video-phone/video-phone.js';
import { styles } from './call-button.styles.js';

/**
 * A "video call us" button for a public page: one press opens a call view over the page and
 * calls `target` at once, as a guest (no password, no registration: see docs/public-pages.md).
 * The camera opens on that press, never before. The view shows the call (ringing, both pictures,
 * mute, camera, hang up, how it ended) and afterwards Call again or Close; Escape hangs up and
 * closes, and the focus goes back to the button.
 *
 * @tag fs-call-button
 *
 * @attribute theme - `light` or `dark` fixes the colour scheme; without it the button follows `prefers-color-scheme`.
 *
 * @csspart button - The button on the page.
 * @csspart dialog - The call view over the page.
 * @csspart name-form - With `ask-name`: the visitor's name and Call.
 * @csspart name-input - The visitor's name.
 * @csspart phone - The `<fs-video-phone>` in the call view (style its own parts with `::part` through it).
 * @csspart again-button - Calls again after a call ended.
 * @csspart close-button - Hangs up if need be and closes the view.
 *
 * @cssprop [--fs-accent=light-dark(#16a34a, #22c55e)] - The button's colour.
 * @cssprop [--fs-accent-foreground=#052e16] - Its text.
 * @cssprop [--fs-radius=12px] - Corner radius.
 */
export class FsCallButton extends LitElement {
  static styles = styles;

  /** Who to call: an extension (dialled at the `ws-url` host) or a SIP URI. */
  @setting() target = '';
  /** The SIP server's WebSocket URL; the server must let guests call `target`. */
  @setting() wsUrl = '';
  /** The button's words. Default: "Video call", in the page's language. */
  @setting() label = '';
  /** The name the people called see, when the visitor is not asked (`ask-name`). */
  @setting() displayName = '';
  /** Ask the visitor's name first; it becomes the display name of the call. */
  @setting({ type: Boolean }) askName = false;
  /** Sound only: no camera. */
  @setting({ type: Boolean }) audioOnly = false;
  /** Your own words for its labels, by key (`videoCall`, `yourName`, `callAgain`, `close`, …). */
  @setting({ attribute: false }) strings: Strings | null = null;

  /** The call view is open; `calling` once the visitor's name is known (or not asked). */
  @setting({ state: true }) private open = false;
  @setting({ state: true }) private calling = false;
  @setting({ state: true }) private ended = false;
  private name = '';
  private readonly words = new Words(this);

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private get phone(): FsVideoPhone | null {
    return this.renderRoot.querySelector('fs-video-phone');
  }

  /** Opens the call view and, unless the visitor's name is asked first, calls. */
  async start(): Promise<void> {
    this.open = true;
    this.ended = false;
    await this.updateComplete;
    if (!this.dialog?.open) this.dialog?.showModal();
    if (this.askName && !this.name) return void this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
    await this.dial();
  }

  /** Hangs up if a call is up and closes the view; the focus goes back to the button. */
  close(): void {
    this.phone?.hangup();
    this.dialog?.close();
  }

  private async dial(): Promise<void> {
    this.calling = true;
    this.ended = false;
    await this.updateComplete;
    const phone = this.phone;
    if (!phone) return;
    await phone.updateComplete;
    // Connected (as a guest) or given up: the reflected state says which.
    await new Promise<void>(resolve => {
      const ready = () => ['guest', 'failed'].includes(phone.getAttribute('registration-state') ?? '');
      if (ready()) return resolve();
      const watch = new MutationObserver(() => ready() && (watch.disconnect(), resolve()));
      watch.observe(phone, { attributes: true, attributeFilter: ['registration-state'] });
    });
    await phone.call(this.target);
  }

  private readonly onNamed = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('input');
    this.name = input?.value.trim() ?? '';
    if (!this.name) return void input?.focus();
    void this.dial();
  };

  /** Escape anywhere in the view: the phone hangs up (and says so); the view closes. */
  private readonly onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this.close();
  };

  private readonly onClosed = (): void => {
    this.phone?.hangup();
    this.open = false;
    this.calling = false;
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="button"]')?.focus();
  };

  protected render() {
    const { t } = this.words;
    const label = this.label || t('videoCall');
    const asking = this.askName && !this.calling;
    return html`
      <button part="button" class="open" type="button" @click=${() => void this.start()}>${this.audioOnly ? icons.call : icons.camera}<span>${label}</span></button>
      <dialog part="dialog" aria-label=${label} @close=${this.onClosed} @keydown=${this.onKeydown}>
        ${this.open && asking
          ? html`<form part="name-form" class="name" @submit=${this.onNamed}>
              <input part="name-input" type="text" autocomplete="name" aria-label=${t('yourName')} placeholder=${t('yourName')} maxlength="64" />
              <button type="submit" class="accent">${icons.call}<span>${t('call')}</span></button>
            </form>`
          : nothing}
        ${this.open && this.calling
          ? html`<fs-video-phone part="phone" .guest=${true} .wsUrl=${this.wsUrl} .displayName=${this.name || this.displayName} .audioOnly=${this.audioOnly}
                   .noPreview=${true} .noPersist=${true} .strings=${this.strings} @fs-call-ended=${() => (this.ended = true)}></fs-video-phone>`
          : nothing}
        <div class="actions">
          ${this.ended ? html`<button part="again-button" class="accent" type="button" @click=${() => void this.dial()}>${icons.call}<span>${t('callAgain')}</span></button>` : nothing}
          <button part="close-button" type="button" @click=${() => this.close()}>${t('close')}</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'fs-call-button': FsCallButton;
  }
}
