import { svg } from 'lit';

// 24x24 line icons drawn for this project; `currentColor` so they follow the button's colour.
const icon = (body: ReturnType<typeof svg>) => svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
  fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

const handset = svg`<path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>`;

export const icons = {
  call: icon(handset),
  hangup: icon(svg`<g transform="rotate(135 12 12)">${handset}</g>`),
  mic: icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>`),
  micOff: icon(svg`<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3M3 3l18 18"/>`),
  camera: icon(svg`<rect x="3" y="6" width="13" height="12" rx="2"/><path d="M16 10l5-3v10l-5-3z"/>`),
  cameraOff: icon(svg`<rect x="3" y="6" width="13" height="12" rx="2"/><path d="M16 10l5-3v10l-5-3zM3 3l18 18"/>`),
  hold: icon(svg`<path d="M9 5v14M15 5v14"/>`),
  resume: icon(svg`<path d="M7 5l12 7-12 7z"/>`),
  transfer: icon(svg`<path d="M4 8h13l-4-4M20 16H7l4 4"/>`),
  send: icon(svg`<path d="M4 12l16-8-6 16-2-6z"/>`),
  backspace: icon(svg`<path d="M8 5h12v14H8l-5-7z"/><path d="M12 9l5 5M17 9l-5 5"/>`),
};
