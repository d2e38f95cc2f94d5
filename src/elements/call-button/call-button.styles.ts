import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';

export const styles = [
  baseStyles,
  css`
  :host {
    display: inline-block;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-block-size: 44px;
    padding: 0 16px;
    font: inherit;
    font-weight: 600;
    color: var(--_f);
    background: var(--_s);
    border: 1px solid var(--_l);
    border-radius: var(--fs-radius, 12px);
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_a);
    outline-offset: 2px;
  }
  .open,
  .accent {
    color: var(--_o);
    background: var(--_a);
    border-color: transparent;
  }
  svg {
    inline-size: 20px;
    block-size: 20px;
  }
  /* Over the page (the top layer), never moving it: as wide as the screen allows, up to 720 px. */
  dialog {
    inline-size: min(720px, calc(100vw - 16px));
    max-inline-size: none;
    box-sizing: border-box;
    margin: auto;
    padding: 8px;
    color: var(--_f);
    background: var(--_b);
    border: 1px solid var(--_l);
    border-radius: var(--fs-radius, 12px);
    box-shadow: 0 10px 40px rgb(2 6 23 / 0.4);
  }
  dialog::backdrop {
    background: rgb(2 6 23 / 0.6);
  }
  fs-video-phone {
    --fs-width: 100%;
    box-shadow: none;
  }
  /* The call view calls one number: no number field of its own. */
  fs-video-phone::part(dial) {
    display: none;
  }
  .name {
    display: flex;
    gap: 8px;
    margin-block-end: 8px;
  }
  input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 44px;
    padding: 0 12px;
    font: inherit;
    color: var(--_f);
    background: var(--_s);
    border: 1px solid var(--_l);
    border-radius: calc(var(--fs-radius, 12px) - 4px);
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-block-start: 8px;
  }
`,
];
