import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';
import { panelStyles } from './panels.styles.js';
import { stageStyles } from './stage.styles.js';

export const styles = [
  baseStyles,
  stageStyles,
  css`
  :host {
    inline-size: var(--fs-width, 100%);
    max-inline-size: 100%;
    min-inline-size: 280px;
    font-size: 14px;
    contain: content;
    container: phone / inline-size;
  }
  /* In a call the video takes the room the frame's padding gave. */
  .base.live {
    gap: 8px;
    padding: 8px;
  }
  /* The shadow on the host: paint containment would cut the frame's own into square corners. */
  :host {
    border-radius: var(--fs-radius, 12px);
    box-shadow: 0 10px 30px rgb(0 0 0 / 0.25);
  }
  .held-call .who {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* Buttons show their words from 421 px; narrower, their icon (the words stay for screen readers). */
  @container (min-width: 421px) {
    .label {
      position: static;
      inline-size: auto;
      block-size: auto;
      clip-path: none;
    }
  }
  @container (max-width: 420px) {
    .banner {
      inset-inline: 6px;
      inset-block-start: 6px;
      gap: 6px;
      padding: 6px 8px;
    }
    .banner-actions button {
      min-inline-size: 44px;
      padding: 8px;
    }
  }
  .lines {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .held-call {
    inline-size: 100%;
    justify-content: flex-start;
    font-weight: 400;
    border-color: var(--_w);
  }
  .held-call .swap {
    margin-inline-start: auto;
    font-weight: 600;
    color: var(--_w);
  }
  /* One header row at every width: the words give way (cut with an ellipsis), the icons stay. */
  .status {
    display: flex;
    align-items: center;
    gap: 10px;
    min-block-size: 32px;
    color: var(--_m);
    font-size: 13px;
  }
  .registration {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-inline-size: 0;
  }
  .identity {
    color: var(--_f);
    font-weight: 600;
  }
  .clip {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chips {
    display: flex;
    flex: none;
    gap: 4px;
    margin-inline-start: auto;
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--_m);
  }
  [data-state='registered'] .dot,
  [data-state='guest'] .dot {
    background: var(--_a);
  }
  [data-state='connecting'] .dot {
    background: var(--_w);
  }
  [data-state='failed'] .dot {
    background: var(--_d);
  }
  .call-status {
    color: var(--_f);
  }
  .error,
  .notice {
    overflow-wrap: anywhere;
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  .chip {
    min-block-size: 32px;
    padding: 0 8px;
    gap: 4px;
  }
  [data-level='fair'] {
    color: var(--_w);
  }
  [data-level='poor'] {
    color: var(--_d);
  }
  .panel {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 6px 12px;
    margin: 0;
    padding: 10px;
    background: var(--_s);
    border-radius: 8px;
    font-size: 13px;
  }
  .panel dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .panel label {
    display: contents;
  }
  select {
    min-inline-size: 0;
    min-block-size: 32px;
    color: inherit;
    background: var(--_b);
    border: 1px solid var(--_l);
    border-radius: 6px;
  }
  .error,
  .notice {
    padding: 8px 10px;
    border-radius: 8px;
    font-size: 13px;
  }
  .error {
    color: var(--_e);
    background: rgb(239 68 68 / 0.15);
    border: 1px solid var(--_d);
  }
  .notice {
    color: var(--_n);
    background: rgb(245 158 11 / 0.12);
    border: 1px solid var(--_w);
  }
  .dial,
  .chat-form {
    display: flex;
    gap: 8px;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    padding: 9px 12px;
    font: inherit;
    color: var(--_f);
    background: var(--_s);
    border: 1px solid var(--_l);
    border-radius: 8px;
  }
  input::placeholder {
    color: var(--_m);
  }
  input:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_a);
    outline-offset: 2px;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    padding: 8px 14px;
    font: inherit;
    font-weight: 600;
    color: var(--_f);
    background: var(--_s);
    border: 1px solid var(--_l);
    border-radius: 8px;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    filter: brightness(1.15);
  }
  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  button[aria-pressed='true'] {
    background: var(--_f);
    color: var(--_b);
  }
  .accent {
    background: var(--_a);
    border-color: transparent;
    color: var(--_o);
  }
  .danger {
    background: var(--_d);
    border-color: transparent;
    color: #fff;
  }
  .round {
    inline-size: 44px;
    block-size: 44px;
    padding: 0;
    border-radius: 50%;
  }
  /* A panel beside the stage from 720 px (the video keeps half the phone), over it below: never under it. */
  .main {
    position: relative;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin-block-start: 10px;
  }
  .live.with-panel .side {
    position: absolute;
    inset: 0;
    z-index: 3;
    margin: 0;
    padding: 8px;
    overflow-y: auto;
    background: var(--_b);
    border-radius: calc(var(--fs-radius, 12px) - 4px);
  }
  /*
   * Over the stage, the panel takes it all but the call bar (Hang up stays in reach), the stage
   * growing to give it room; Escape or the panel's button closes it; the chat log gives way.
   */
  @container phone (max-width: 719px) {
    .live.with-panel .stage {
      aspect-ratio: auto;
      min-block-size: 300px;
    }
    .live.with-panel .side {
      inset-block-end: 52px;
    }
    .live.with-panel .top-bar,
    .live.with-panel .corner-button {
      visibility: hidden;
    }
    .live.with-panel .chat {
      block-size: 100%;
    }
    .live.with-panel .chat-log {
      flex: 1 1 0;
      max-block-size: none;
    }
  }
  @container phone (min-width: 720px) {
    .live.with-panel .main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(240px, 32%);
      gap: 10px;
    }
    .live.with-panel .side {
      position: static;
      padding: 0;
      max-block-size: calc((100cqw - 290px) * 9 / 16);
    }
  }
`,
  panelStyles,
];
