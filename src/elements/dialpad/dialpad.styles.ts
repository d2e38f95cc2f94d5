import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';

export const styles = [
  baseStyles,
  css`
  :host {
    inline-size: 100%;
    max-inline-size: 280px;
    outline: none;
  }
  :host(:focus-visible) .base {
    outline: 2px solid var(--_a);
    outline-offset: 2px;
  }
  .display-row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .display {
    flex: 1;
    min-block-size: 36px;
    padding: 4px 8px;
    font-size: 24px;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.06em;
    text-align: center;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    direction: ltr;
  }
  .keys {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 8px;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    font: inherit;
    color: var(--_f);
    background: var(--_s);
    border: 1px solid var(--_l);
    border-radius: 10px;
    cursor: pointer;
    touch-action: manipulation;
    user-select: none;
  }
  button:hover:not(:disabled) {
    filter: brightness(1.2);
  }
  button:active:not(:disabled) {
    transform: scale(0.97);
  }
  button:focus-visible {
    outline: 2px solid var(--_a);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.45;
    cursor: not-allowed;
  }
  .key {
    flex-direction: column;
    gap: 0;
    block-size: var(--fs-dialpad-key-size, 56px);
  }
  .digit {
    font-size: 22px;
    line-height: 1.1;
  }
  .letters {
    min-block-size: 12px;
    font-size: 10px;
    letter-spacing: 0.12em;
    color: var(--_m);
  }
  .backspace {
    inline-size: 40px;
    block-size: 36px;
    padding: 0;
    background: transparent;
    border-color: transparent;
  }
  .call-row {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .call {
    flex: 1;
    block-size: 48px;
    font-weight: 600;
    background: var(--_a);
    border-color: transparent;
    color: var(--_o);
  }
`,
];
