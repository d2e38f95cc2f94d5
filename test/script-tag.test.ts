import { expect } from '@open-wc/testing';
import type { FsDialpad, FsVideoPhone } from '../src/index.js';
import { inbound, loadFrame, server, waitFor } from './helpers.js';

// The built single file, loaded by a plain classic <script src> in a page of its own: exactly
// what a user's page does. Nothing from src/ is loaded in that page.
describe('one classic script tag (dist/fs-video-phone.min.js)', function () {
  this.timeout(40000);
  let frame: HTMLIFrameElement;

  before(async () => {
    frame = await loadFrame(new URL('./fixtures/script-tag.html', import.meta.url));
  });
  after(() => frame.remove());

  it('defines both elements without a module loader', () => {
    const doc = frame.contentDocument!;
    // The test server injects its own reload script into every page it serves; leave it out.
    const scripts = [...doc.querySelectorAll('script')].filter(s => !s.src.includes('/__web-dev-server'));
    expect(scripts.map(s => [s.type, new URL(s.src).pathname])).to.deep.equal([['', '/dist/fs-video-phone.min.js']]);
    const registry = frame.contentWindow!.customElements;
    expect(registry.get('fs-video-phone')).to.be.a('function');
    expect(registry.get('fs-dialpad')).to.be.a('function');
  });

  it('completes a call dialed on the dialpad, with video decoded at the callee', async () => {
    const doc = frame.contentDocument!;
    const a = doc.getElementById('a') as FsVideoPhone;
    const b = doc.getElementById('b') as FsVideoPhone;
    const pad = doc.querySelector('fs-dialpad') as FsDialpad;
    await waitFor(() => a.registrationState === 'registered' && b.registrationState === 'registered', 'both register');
    for (const key of ['1', '0', '1', '1']) (pad.shadowRoot!.querySelector(`[part~="key-${key}"]`) as HTMLElement).click();
    expect(a.target).to.equal('1011');
    const dialed = performance.now();
    (pad.shadowRoot!.querySelector('[part~="call-button"]') as HTMLElement).click();
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'auto-answered call connects');
    const connectedMs = performance.now() - dialed;
    await waitFor(async () => !!a.peerConnection && (await inbound(a.peerConnection, 'video')).framesDecoded > 0, 'caller decodes video');
    const firstFrameMs = performance.now() - dialed;
    await waitFor(async () => (await inbound(b.peerConnection!, 'video')).framesDecoded > 0, 'callee decodes video');
    console.log(`call setup (auto-answer): connected ${Math.round(connectedMs)} ms, first remote frame at the caller ${Math.round(firstFrameMs)} ms after dialing`);
    a.hangup();
    await waitFor(() => a.callState === 'idle' && b.callState === 'idle', 'both idle');
  });

  it('refuses an incoming SUBSCRIBE with 405 (the phone offers no event package to subscribe to)', async () => {
    const contact = await server<string>('contact', { user: '1011' });
    const subscribe = [
      `SUBSCRIBE ${contact} SIP/2.0`,
      'Via: SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bKsub1',
      'Max-Forwards: 70',
      'From: <sip:1003@127.0.0.1>;tag=sub1',
      'To: <sip:1011@127.0.0.1>',
      'Call-ID: subscribe-1@test',
      'CSeq: 1 SUBSCRIBE',
      'Contact: <sip:1003@127.0.0.1;transport=ws>',
      'Event: presence',
      'Expires: 600',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    expect(await server<boolean>('inject', { user: '1011', text: subscribe })).to.equal(true);
    await waitFor(async () => (await server<{ responses: string[] }>('stats')).responses.includes('405 SUBSCRIBE'), '405 to the SUBSCRIBE');
    expect((frame.contentDocument!.getElementById('b') as FsVideoPhone).registrationState, 'still registered').to.equal('registered');
  });
});
