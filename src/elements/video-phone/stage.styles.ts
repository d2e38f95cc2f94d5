import { css } from 'lit';

/** The video area: both videos, the placeholder and camera-off tile, the stage buttons, and the incoming-call banner. */
export const stageStyles = css`
  /* Always dark, whatever the page's scheme: its text is set light here, not inherited. */
  /* The call bar's words follow the stage's own width (a panel beside it takes some). */
  .stage {
    container-type: inline-size;
    color-scheme: dark;
    color: #e2e8f0;
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
  .local.off {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 4px;
    padding: 4px;
    transform: none;
    background: var(--_s);
    color: var(--_f);
    font-size: 12px;
    text-align: center;
  }
  /* In a call the self-view is a corner picture, clear of the bars over the stage's edges; its
     move button sits inside the same corner. */
  .corner-0,
  .corner-1 {
    inset-block: 44px auto;
  }
  .corner-2,
  .corner-3 {
    inset-block: auto 56px;
  }
  .corner-0,
  .corner-3 {
    inset-inline: 10px auto;
  }
  .corner-1,
  .corner-2 {
    inset-inline: auto 10px;
  }
  .live .local:not(.solo) {
    inline-size: var(--fs-self-view-width, min(24%, 240px));
  }
  .corner-button {
    position: absolute;
    z-index: 1;
    inline-size: 28px;
    block-size: 28px;
    margin: 4px;
    padding: 0;
    color: #fff;
    background: rgb(15 23 42 / 0.7);
    border: 0;
    border-radius: 6px;
  }
  .corner-button svg {
    inline-size: 16px;
  }
  /* The bars over the stage's top and bottom edges during a call; they fade while the pointer rests. */
  .overlay {
    position: absolute;
    inset-inline: 0;
    z-index: 2;
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 6px 8px;
    color: #fff;
    transition: opacity 0.4s;
  }
  .calm .overlay:not(:focus-within) {
    opacity: 0;
    pointer-events: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .calm .overlay:not(:focus-within) {
      opacity: 1;
      pointer-events: auto;
    }
  }
  .top-bar {
    inset-block-start: 0;
    min-block-size: 40px;
    background: linear-gradient(rgb(2 6 23 / 0.75), rgb(2 6 23 / 0));
  }
  .who {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-inline-size: 0;
    line-height: 1.2;
  }
  .who .name {
    font-weight: 700;
  }
  .who .call-status {
    color: #cbd5e1;
    font-size: 12px;
  }
  .top-bar button {
    flex: none;
    min-inline-size: 28px;
    min-block-size: 28px;
    padding: 0 6px;
    color: #fff;
    background: rgb(15 23 42 / 0.7);
    border-color: transparent;
  }
  .call-bar {
    inset-block-end: 0;
    justify-content: center;
    padding-block-start: 14px;
    background: linear-gradient(rgb(2 6 23 / 0), rgb(2 6 23 / 0.75));
  }
  .call-bar button {
    flex: 0 1 44px;
    min-inline-size: 30px;
    block-size: 40px;
    padding: 0;
    color: #fff;
    background: rgb(30 41 59 / 0.9);
    border-color: rgb(255 255 255 / 0.25);
    border-radius: 20px;
  }
  .call-bar button[aria-pressed='true'] {
    color: #0f172a;
    background: #fff;
  }
  .call-bar .danger {
    flex-basis: 56px;
    background: var(--_d);
    border-color: transparent;
  }
  /* The call bar's words beside their icons where all fit on its row (FitLabels), else in titles. */
  .call-bar.icons .label,
  .top-bar .label {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .call-bar:not(.icons) button {
    flex: none;
    padding: 0 14px;
  }
  @container (min-width: 640px) {
    .top-bar .label {
      position: static;
      inline-size: auto;
      block-size: auto;
      clip-path: none;
    }
  }
  .local.solo {
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    border: 0;
    border-radius: 0;
  }
  .stage-buttons {
    display: flex;
    gap: 6px;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 0 12px;
    color: var(--_m);
    background: radial-gradient(circle at 50% 40%, #1e293b, #020617);
  }
  .placeholder span {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
  }
  .name,
  .caller bdi,
  .call-status bdi {
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .call-status {
    display: inline-flex;
    gap: 4px;
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .avatar {
    display: grid;
    place-items: center;
    inline-size: 64px;
    block-size: 64px;
    border-radius: 50%;
    background: var(--_s);
    border: 1px solid var(--_l);
    color: var(--_f);
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
    border: 1px solid var(--_a);
    border-radius: var(--fs-radius, 12px);
  }
  .banner {
    z-index: 3;
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
  /* In the ringing banner, a row of its own: never over the caller's picture or the answer buttons. */
  .banner .sound {
    flex: 1 0 100%;
    color: #fff;
    background: rgb(255 255 255 / 0.12);
    border-color: rgb(255 255 255 / 0.3);
  }
  .caller {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .caller bdi {
    font-weight: 700;
  }
  .caller span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .caller span {
    color: var(--_m);
    font-size: 12px;
  }
  .banner {
    flex-wrap: wrap;
  }
  .caller {
    flex: 1 1 8em;
  }
  .banner-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
  .banner-actions button {
    flex: none;
  }
  @keyframes ring {
    50% {
      box-shadow: 0 0 0 4px rgb(34 197 94 / 0.35);
    }
  }
`;
