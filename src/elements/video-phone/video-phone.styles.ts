import { css } from 'lit';
import { baseStyles } from '../../internal/base.styles.js';
import { panelStyles } from './panels.styles.js';

export const styles = [
  baseStyles,
  css`
  :host {
    inline-size: var(--fs-width, 100%);
    max-inline-size: 100%;
    font-size: 14px;
    contain: content;
  }
  .base {
    box-shadow: 0 10px 30px rgb(0 0 0 / 0.25);
  }
  .stage {
    position: relative;
    aspect-ratio: var(--fs-video-aspect, 16 / 9);
    background: #000;
    border-radius: calc(var(--fs-radius, 12px) - 4px);
    overflow: hidden;
  }
  video {
    display: block;
    background: #000;
  }
  .remote {
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
  }
  .local {
    position: absolute;
    inset-block-end: 10px;
    inset-inline-end: 10px;
    inline-size: var(--fs-self-view-width, 28%);
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border: 2px solid rgb(255 255 255 / 0.7);
    border-radius: 8px;
    transform: scaleX(-1);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.4);
  }
  .local.solo {
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    border: 0;
    border-radius: 0;
  }
  .stage-buttons {
    position: absolute;
    inset-block-start: 8px;
    inset-inline-end: 8px;
    display: flex;
    gap: 6px;
  }
  .stage-buttons button {
    background: rgb(15 23 42 / 0.7);
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    color: var(--fs-muted-foreground, #94a3b8);
    background: radial-gradient(circle at 50% 40%, #1e293b, #020617);
  }
  .avatar {
    display: grid;
    place-items: center;
    inline-size: 64px;
    block-size: 64px;
    border-radius: 50%;
    background: var(--fs-surface, #1e293b);
    border: 1px solid var(--fs-border, #334155);
    color: var(--fs-foreground, #e2e8f0);
    font-size: 22px;
    font-weight: 600;
  }
  .banner,
  .play {
    position: absolute;
    display: flex;
    align-items: center;
    gap: 12px;
    padding: 10px 14px;
    background: rgb(15 23 42 / 0.88);
    border: 1px solid var(--fs-accent, #22c55e);
    border-radius: var(--fs-radius, 12px);
  }
  .banner {
    inset-inline: 10px;
    inset-block-start: 10px;
    justify-content: space-between;
    animation: ring 1.2s ease-in-out infinite;
  }
  .play {
    inset: 50% auto auto 50%;
    translate: -50% -50%;
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  .caller {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .caller strong,
  .caller span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .caller span {
    color: var(--fs-muted-foreground, #94a3b8);
    font-size: 12px;
  }
  .banner {
    flex-wrap: wrap;
  }
  .banner-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
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
    border-color: var(--fs-warning, #f59e0b);
  }
  .held-call .swap {
    margin-inline-start: auto;
    font-weight: 600;
    color: var(--fs-warning, #f59e0b);
  }
  @keyframes ring {
    50% {
      box-shadow: 0 0 0 4px rgb(34 197 94 / 0.35);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .banner {
      animation: none;
    }
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
    color: var(--fs-muted-foreground, #94a3b8);
    font-size: 13px;
  }
  .registration {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: var(--fs-muted-foreground, #94a3b8);
  }
  [data-state='registered'] .dot {
    background: var(--fs-accent, #22c55e);
  }
  [data-state='connecting'] .dot {
    background: var(--fs-warning, #f59e0b);
  }
  [data-state='failed'] .dot {
    background: var(--fs-danger, #dc2626);
  }
  .call-status {
    color: var(--fs-foreground, #e2e8f0);
  }
  .timer {
    font-variant-numeric: tabular-nums;
  }
  .timer,
  .chip:first-of-type {
    margin-inline-start: auto;
  }
  .timer ~ .chip {
    margin: 0;
  }
  .chip {
    min-block-size: 32px;
    padding: 0 8px;
    gap: 4px;
  }
  [data-level='fair'] {
    color: var(--fs-warning, #f59e0b);
  }
  [data-level='poor'] {
    color: var(--fs-danger, #dc2626);
  }
  .panel {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    gap: 6px 12px;
    margin: 0;
    padding: 10px;
    background: var(--fs-surface, #1e293b);
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
    background: var(--fs-background, #0f172a);
    border: 1px solid var(--fs-border, #334155);
    border-radius: 6px;
  }
  .error,
  .notice {
    padding: 8px 10px;
    border-radius: 8px;
    font-size: 13px;
  }
  .error {
    color: #fecaca;
    background: rgb(239 68 68 / 0.15);
    border: 1px solid var(--fs-danger, #dc2626);
  }
  .notice {
    color: #fde68a;
    background: rgb(245 158 11 / 0.12);
    border: 1px solid var(--fs-warning, #f59e0b);
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
    color: var(--fs-foreground, #e2e8f0);
    background: var(--fs-surface, #1e293b);
    border: 1px solid var(--fs-border, #334155);
    border-radius: 8px;
  }
  input::placeholder {
    color: var(--fs-muted-foreground, #94a3b8);
  }
  input:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--fs-accent, #22c55e);
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
    color: var(--fs-foreground, #e2e8f0);
    background: var(--fs-surface, #1e293b);
    border: 1px solid var(--fs-border, #334155);
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
    background: var(--fs-foreground, #e2e8f0);
    color: var(--fs-background, #0f172a);
  }
  .accent {
    background: var(--fs-accent, #22c55e);
    border-color: transparent;
    color: #052e16;
  }
  .danger {
    background: var(--fs-danger, #dc2626);
    border-color: transparent;
    color: #fff;
  }
  .round {
    inline-size: 44px;
    block-size: 44px;
    padding: 0;
    border-radius: 50%;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .controls button {
    flex: 1;
  }
`,
  panelStyles,
];
