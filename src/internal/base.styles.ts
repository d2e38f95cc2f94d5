import { css } from 'lit';

/** What both elements share: the host box, the `hidden` rule and the framed `.base` panel. */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--fs-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--fs-foreground, #e2e8f0);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 12px;
    background: var(--fs-background, #0f172a);
    border: 1px solid var(--fs-border, #334155);
    border-radius: var(--fs-radius, 12px);
  }
`;
