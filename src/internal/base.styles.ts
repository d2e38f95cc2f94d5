import { css } from 'lit';

/**
 * What both elements share: the colours, the host box, the `hidden` rule and the framed `.base`
 * panel. Each colour is a `--fs-*` token with a light and a dark default: the page's colour scheme
 * picks one (`theme="light"` or `theme="dark"` fixes it), and the video area is always dark.
 */
export const baseStyles = css`
  :host {
    --_b: var(--fs-background, light-dark(#fff, #0f172a));
    --_f: var(--fs-foreground, light-dark(#0f172a, #e2e8f0));
    --_m: var(--fs-muted-foreground, light-dark(#475569, #94a3b8));
    --_s: var(--fs-surface, light-dark(#f1f5f9, #1e293b));
    --_l: var(--fs-border, light-dark(#cbd5e1, #334155));
    --_a: var(--fs-accent, light-dark(#16a34a, #22c55e));
    --_o: var(--fs-accent-foreground, #052e16);
    --_d: var(--fs-danger, #dc2626);
    --_w: var(--fs-warning, light-dark(#b45309, #f59e0b));
    --_e: light-dark(#991b1b, #fecaca);
    --_n: light-dark(#92400e, #fde68a);
    --_x: light-dark(#b91c1c, #fca5a5);
    color-scheme: light dark;
    display: block;
    box-sizing: border-box;
    font-family: var(--fs-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_f);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  /* Read by screen readers, not shown: the live region, and button words on a narrow phone. */
  .sr,
  .label {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
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
    background: var(--_b);
    border: 1px solid var(--_l);
    border-radius: var(--fs-radius, 12px);
  }
`;
