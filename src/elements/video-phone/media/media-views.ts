import { html, nothing } from 'lit';
import { dndToggle } from '../desk/desk-views.js';
import type { Panel } from '../phone-base.js';
import { icons } from '../../../internal/icons.js';
import type { Phone } from '../../../sip/index.js';
import type { DeviceKind } from '../../../sip/devices.js';
import type { StringKey, Translate } from '../../../i18n/i18n.js';

/** What the media views need from the element. */
export interface MediaViewHost extends HTMLElement {
  readonly phone: Phone;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly t: Translate;
  camera: string;
  microphone: string;
  speaker: string;
  /** Which panel is open under the status line: device settings, call quality, or none. */
  panel: Panel;
  /** Do not disturb (the settings panel switches it). */
  dnd: boolean;
  readonly audioOnly: boolean;
  readonly noPreview: boolean;
  shareScreen(): Promise<boolean>;
  stopShare(): boolean;
  preview(): Promise<boolean>;
  stopPreview(): void;
}

const DEVICE_TEXT: Record<DeviceKind, StringKey> = { camera: 'cameraDevice', microphone: 'microphone', speaker: 'speaker' };
const canChooseSpeaker = () => 'setSinkId' in HTMLMediaElement.prototype;

const toggle = (host: MediaViewHost, panel: MediaViewHost['panel']) => () => (host.panel = host.panel === panel ? null : panel);

/** The tools over the stage's top edge: the call's quality, and over the far end's video picture-in-picture and full screen where the browser has them. */
export function stageButtons(host: MediaViewHost, video: HTMLVideoElement | undefined | null) {
  const root = host.renderRoot as ShadowRoot;
  const pip = () => (document.pictureInPictureElement ? document.exitPictureInPicture() : video?.requestPictureInPicture())?.catch(() => {});
  const full = () => (root.fullscreenElement ? document.exitFullscreen() : root.querySelector('.stage')?.requestFullscreen())?.catch(() => {});
  const { t } = host;
  const quality = qualityChip(host);
  if (quality === nothing && !video) return nothing;
  return html`<div class="stage-buttons" role="toolbar" aria-label=${t('pictureTools')}>
    ${quality}
    ${video && document.pictureInPictureEnabled
      ? html`<button part="button pip-button" type="button" @click=${pip} aria-label=${t('pip')} title=${t('pip')}>${icons.pip}</button>`
      : nothing}
    ${video && document.fullscreenEnabled
      ? html`<button part="button fullscreen-button" type="button" @click=${full} aria-pressed=${root.fullscreenElement ? 'true' : 'false'}
                     aria-label=${t('fullscreen')} title=${t('fullscreen')}>${icons.fullscreen}</button>`
      : nothing}
  </div>`;
}

/** Share screen / Stop sharing, for browsers that can capture a screen. */
export function shareButton(host: MediaViewHost) {
  if (!navigator.mediaDevices?.getDisplayMedia) return nothing;
  const sharing = !!host.phone.shareStream;
  return html`<button part="button share-button" type="button" aria-pressed=${sharing ? 'true' : 'false'}
            ?disabled=${!host.phone.localStream?.getVideoTracks().length} @click=${() => (sharing ? host.stopShare() : host.shareScreen())}
            >${icons.share}<span class="label">${host.t('share')}</span></button>`;
}

/** The call's quality (over the stage during a call): a click opens its figures. */
export function qualityChip(host: MediaViewHost) {
  const stats = host.phone.stats;
  if (!stats) return nothing;
  const { t } = host;
  return html`<button part="button quality" class="chip" type="button" data-level=${stats.level} aria-expanded=${host.panel === 'quality' ? 'true' : 'false'}
      @click=${toggle(host, 'quality')} aria-label=${t('qualityIs', t(stats.level))} title=${t('quality')}>${icons.quality}<span class="label">${t(stats.level)}</span></button>`;
}

/** The status line's self-view toggle (while idle) and settings button. */
export function statusButtons(host: MediaViewHost) {
  const { t } = host;
  const open = !!host.phone.devices.preview;
  return html`${host.phone.calls.length || host.audioOnly || host.noPreview
      ? nothing
      : html`<button part="button self-view-button" class="chip" type="button" aria-pressed=${open ? 'true' : 'false'}
                     @click=${() => (open ? host.stopPreview() : void host.preview())} aria-label=${t('selfView')} title=${t('selfView')}>${icons.selfView}</button>`}
    <button part="button settings-button" class="chip" type="button" aria-expanded=${host.panel === 'settings' ? 'true' : 'false'}
            @click=${toggle(host, 'settings')} aria-label=${t('settings')} title=${t('settings')}>${icons.settings}</button>`;
}

/** The open panel: device pickers, or the call's figures. */
export function panel(host: MediaViewHost) {
  if (host.panel === 'settings') return settings(host);
  const s = host.phone.stats;
  if (host.panel !== 'quality' || !s) return nothing;
  const { t } = host;
  const rows: [StringKey, string][] = [
    ['quality', t(s.level)],
    ['video', s.codec ? `${s.codec} ${s.width}×${s.height}, ${s.fps} fps` : t('none')],
    ['bitrate', `↓ ${s.bitrateIn} kbit/s · ↑ ${s.bitrateOut} kbit/s`],
    ['loss', `${s.loss} %`],
    ['rtt', s.rtt === null ? '–' : `${s.rtt} ms`],
    ['path', `${t(s.path === 'relayed' ? 'relayed' : 'direct')} ${s.remoteAddress}`],
  ];
  return html`<dl part="quality-panel" class="panel" aria-label=${t('quality')}>${rows.map(([k, v]) => html`<dt>${t(k)}</dt><dd>${v}</dd>`)}</dl>`;
}

function settings(host: MediaViewHost) {
  const list = host.phone.devices.list;
  const kinds = (['camera', 'microphone', 'speaker'] as const).filter(k => k !== 'speaker' || canChooseSpeaker());
  const { t } = host;
  return html`<div part="settings" class="panel" role="group" aria-label=${t('settings')}>
    ${kinds.map(kind => {
      const options = list.filter(d => d.kind === kind && d.id !== 'default');
      const chosen = options.some(d => d.id === host[kind]) ? host[kind] : '';
      return html`<label>${t(DEVICE_TEXT[kind])}
        <select part=${`${kind}-select`} @change=${(e: Event) => (host[kind] = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!chosen}>${t('default')}</option>
          ${options.map((d, i) => html`<option value=${d.id} ?selected=${d.id === chosen}>${d.label || `${t(DEVICE_TEXT[kind])} ${i + 1}`}</option>`)}
        </select>
      </label>`;
    })}
    ${dndToggle(host)}
  </div>`;
}
