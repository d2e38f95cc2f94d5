import { css } from 'lit';

/** The chat and call-history panels, and the unread / missed badges. */
export const panelStyles = css`
  .chat {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 8px;
  }
  .peers {
    display: flex;
    gap: 6px;
    overflow-x: auto;
  }
  .peers button,
  .history button {
    min-block-size: 32px;
    padding: 0 10px;
  }
  .peers [aria-pressed='true'] {
    border-color: var(--_a);
  }
  .chat-log {
    display: flex;
    flex-direction: column;
    gap: 6px;
    max-block-size: 160px;
    min-block-size: 40px;
    margin: 0;
    padding: 8px;
    overflow-y: auto;
    list-style: none;
    background: var(--_s);
    border-radius: 8px;
  }
  .msg {
    display: flex;
    flex-direction: column;
    max-inline-size: 85%;
    padding: 6px 10px;
    border-radius: 10px;
    background: var(--_b);
    overflow-wrap: anywhere;
  }
  .msg.outgoing {
    align-self: flex-end;
    background: rgb(34 197 94 / 0.18);
  }
  .outgoing .who {
    color: inherit;
  }
  .msg[data-status='sending'] {
    opacity: 0.6;
  }
  .who {
    font-size: 11px;
    color: var(--_m);
  }
  .failed {
    font-size: 11px;
    color: var(--_x);
  }
  .failed button {
    min-block-size: 28px;
    margin-inline-start: 6px;
    padding: 0 8px;
    font-size: 11px;
  }
  .badge {
    min-inline-size: 18px;
    padding: 0 5px;
    border-radius: 9px;
    color: #fff;
    background: var(--_d);
    font-size: 11px;
    line-height: 18px;
    text-align: center;
  }
  .history,
  .contacts {
    display: block;
  }
  .badge.ring {
    min-inline-size: 10px;
    block-size: 10px;
    padding: 0;
    background: var(--_w);
  }
  .contacts ul,
  .history ol {
    display: flex;
    flex-direction: column;
    gap: 6px;
    max-block-size: 240px;
    margin: 0 0 8px;
    padding: 0;
    overflow-y: auto;
    list-style: none;
  }
  .contacts button {
    inline-size: 100%;
    justify-content: flex-start;
    gap: 8px;
    white-space: normal;
  }
  .contacts bdi {
    flex: 1;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .lamp {
    inline-size: 10px;
    block-size: 10px;
    flex: none;
    border-radius: 50%;
    background: var(--_m);
  }
  [data-state='available'] > .lamp {
    background: var(--_a);
  }
  [data-state='busy'] > .lamp {
    background: var(--_d);
  }
  [data-state='ringing'] > .lamp {
    background: var(--_w);
    animation: blink 1s steps(2) infinite;
  }
  @keyframes blink {
    50% {
      opacity: 0.2;
    }
  }
  .call-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .history li {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .history .who {
    display: flex;
    flex: 1;
    flex-direction: column;
    min-inline-size: 0;
    font-size: 13px;
    color: inherit;
    overflow-wrap: anywhere;
  }
  .contacts small,
  .history small,
  .empty {
    color: var(--_m);
    font-size: 12px;
  }
  [data-missed] .dir,
  [data-missed] bdi {
    color: var(--_x);
  }
`;
