import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { connect, idle, nextEvent, part, phone, waitFor, watchPageErrors, SIP_DOMAIN } from './helpers.js';

const log = (el: FsVideoPhone) => part(el, 'chat-log').textContent ?? '';
const peers = (el: FsVideoPhone) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="chat-peer"]')];
const badge = (el: FsVideoPhone) => el.shadowRoot!.querySelector('[part~="unread-badge"]')?.textContent ?? null;

/** Types `text` into `el`'s chat box and sends it. */
async function type(el: FsVideoPhone, text: string): Promise<void> {
  const input = part(el, 'chat-input') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
  part(el, 'chat-send-button').click();
}

describe('chat beyond the call', function () {
  this.timeout(40000);
  watchPageErrors();

  it('a message from a third phone outside any call lands in its own conversation, with an unread badge', async () => {
    const [a, b, c] = await Promise.all([phone('1005'), phone('1006'), phone('1007')]);
    await connect(a, b, '1006');
    part(a, 'chat-button').click();
    await a.updateComplete;
    expect(a.chatPeer).to.equal(`1006@${SIP_DOMAIN}`);

    const got = nextEvent(a, 'fs-message');
    expect(await c.sendMessage('hello from 1007', '1005')).to.equal(true);
    await got;
    await a.updateComplete;
    // Still on the call's conversation; the new one has a button with its unread count.
    expect(a.chatPeer).to.equal(`1006@${SIP_DOMAIN}`);
    expect(log(a)).not.to.contain('hello from 1007');
    expect(badge(a)).to.equal('1');
    expect(peers(a).map(p => [p.querySelector('bdi')!.textContent, p.getAttribute('aria-pressed')])).to.deep.equal([
      ['User 1006', 'true'],
      ['1007', 'false'],
    ]);
    expect(peers(a)[1].getAttribute('aria-label')).to.equal('1007, 1 unread');
    peers(a)[1].click();
    await a.updateComplete;
    await a.updateComplete;
    expect(a.chatPeer).to.equal(`1007@${SIP_DOMAIN}`);
    expect(log(a)).to.contain('hello from 1007');
    expect(badge(a)).to.equal(null);
    await expect(a).to.be.accessible();

    // A reply goes to the conversation shown, not to the call.
    const atC = nextEvent<{ from: string; body: string }>(c, 'fs-message');
    await type(a, 'hi 1007');
    expect((await atC).detail).to.include({ from: `sip:1005@${SIP_DOMAIN}`, body: 'hi 1007' });
    a.hangup();
    await Promise.all([idle(a), idle(b)]);

    // With the panel closed, a message marks the chat button.
    part(a, 'chat-button').click();
    const next = nextEvent(a, 'fs-message');
    await b.sendMessage('are you there?', '1005');
    await next;
    await a.updateComplete;
    expect(badge(a)).to.equal('1');
  });

  it('sends to the number being dialled without a call, and retries a message that was not delivered', async () => {
    const [b, c] = await Promise.all([phone('1006'), phone('1007')]);
    b.panel = 'chat';
    await b.updateComplete;
    expect(b.chatPeer).to.equal(null);
    expect((part(b, 'chat-input') as HTMLInputElement).disabled, 'nobody to write to').to.equal(true);
    b.target = '1007';
    await b.updateComplete;
    expect(b.chatPeer).to.equal(`1007@${SIP_DOMAIN}`);
    expect(log(b)).to.contain('No messages yet');
    await expect(b).to.be.accessible();
    const atC = nextEvent<{ from: string; body: string }>(c, 'fs-message');
    await type(b, 'no call needed');
    expect((await atC).detail).to.include({ from: `sip:1006@${SIP_DOMAIN}`, body: 'no call needed' });
    expect(b.callState).to.equal('idle');

    // Nobody is registered as 1019 yet: not delivered, with a retry.
    b.target = '1019';
    await b.updateComplete;
    const failed = nextEvent(b, 'fs-error');
    await type(b, 'for 1019');
    expect((await failed).detail).to.include({ code: 'message-failed' });
    await waitFor(() => log(b).includes('Not delivered'), 'shown as not delivered');
    expect(log(b)).to.contain('for 1019');
    const d = await phone('1019');
    const atD = nextEvent<{ body: string }>(d, 'fs-message');
    part(b, 'chat-retry-button').click();
    expect((await atD).detail.body).to.equal('for 1019');
    await waitFor(() => !b.shadowRoot!.querySelector('[part~="chat-retry-button"]'), 'the retry button goes');
    expect(log(b)).not.to.contain('Not delivered');
    // The same message, not a second copy.
    expect(log(b).split('for 1019').length).to.equal(2);
  });
});
