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
  // Transfer sends the call on (an arrow out of a box); Complete transfer joins two calls into one.
  transfer: icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5H5V6h5"/>`),
  join: icon(svg`<path d="M6 3v4a5 5 0 0 0 5 5h2a5 5 0 0 0 5-5V3M12 12v9M9 18l3 3 3-3"/>`),
  add: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  corner: icon(svg`<rect x="3" y="5" width="18" height="14" rx="2"/><rect x="13" y="7" width="6" height="5" fill="currentColor"/>`),
  send: icon(svg`<path d="M4 12l16-8-6 16-2-6z"/>`),
  share: icon(svg`<rect x="3" y="4" width="18" height="13" rx="2"/><path d="M8 21h8M12 14V8M9 11l3-3 3 3"/>`),
  pip: icon(svg`<rect x="3" y="5" width="18" height="14" rx="2"/><rect x="12" y="11" width="6" height="5"/>`),
  fullscreen: icon(svg`<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>`),
  quality: icon(svg`<path d="M6 18v-3M12 18v-7M18 18V6"/>`),
  settings: icon(svg`<circle cx="12" cy="12" r="8.5" stroke-width="3" stroke-dasharray="3.34" stroke-linecap="butt"/><circle cx="12" cy="12" r="6"/><circle cx="12" cy="12" r="2"/>`),
  chat: icon(svg`<path d="M4 5h16v11H9l-5 4z"/>`),
  history: icon(svg`<circle cx="12" cy="12" r="8"/><path d="M12 8v4l3 2"/>`),
  selfView: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="12" cy="10" r="3"/><path d="M7 20a5 5 0 0 1 10 0"/>`),
  bell: icon(svg`<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4"/>`),
  contacts: icon(svg`<circle cx="9" cy="8" r="3"/><path d="M3 20a6 6 0 0 1 12 0M16 5a3 3 0 0 1 0 6M18 14a5 5 0 0 1 3 6"/>`),
  voicemail: icon(svg`<circle cx="6.5" cy="12" r="3.5"/><circle cx="17.5" cy="12" r="3.5"/><path d="M6.5 15.5h11"/>`),
  dnd: icon(svg`<path d="M20 14A8 8 0 0 1 10 4a8 8 0 1 0 10 10z"/>`),
  park: icon(svg`<rect x="4" y="4" width="16" height="16" rx="3"/><path d="M10 17V8h3a2.5 2.5 0 0 1 0 5h-3"/>`),
  backspace: icon(svg`<path d="M8 5h12v14H8l-5-7z"/><path d="M12 9l5 5M17 9l-5 5"/>`),
};
