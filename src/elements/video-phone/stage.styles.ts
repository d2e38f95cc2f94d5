import { css } from 'lit';

/** The video area: both videos, the placeholder and camera-off tile, the stage buttons, and the incoming-call banner. */
export const stageStyles = css`
  .stage {
    color-scheme: dark;
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
    padding: 0 12px;
    color: var(--_m);
    background: radial-gradient(circle at 50% 40%, #1e293b, #020617);
  }
  .placeholder span {
    display: inline-flex;
    align-items: center;
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
