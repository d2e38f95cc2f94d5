import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { nextEvent, part, phone, server, sleep, unmountAll, waitFor, watchPageErrors } from './helpers.js';

// Crafted SIP sent straight to a registered phone through the development server's test hook,
// in the spirit of RFC 4475's torture tests: the phone must stay registered, throw nothing into
// the page, and show every name and message as text.
describe('hostile SIP', function () {
  this.timeout(30000);
  let el: FsVideoPhone;
  let contact: string;
  let seq = 0;

  beforeEach(async () => {
    if (el?.isConnected) return;
    el = await phone('1002');
    contact = (await server<string>('contact', { user: '1002' }))!;
    expect(contact).to.match(/^sip:/);
  });
  after(unmountAll);
  afterEach(async () => {
    await sleep(200);
    expect(el.registrationState, 'still registered').to.equal('registered');
    expect((window as unknown as { __fsInjected?: number }).__fsInjected, 'no injected script ran').to.equal(undefined);
    expect(el.shadowRoot!.querySelector('img, script, iframe'), 'no injected element').to.equal(null);
  });
  watchPageErrors(); // after the checks above: it unmounts the phone

  /** A request to the phone; `headers` replace the defaults (a null value removes one). */
  function request(method: string, body = '', headers: Record<string, string | null> = {}): string {
    seq++;
    const h: Record<string, string | null> = {
      Via: `SIP/2.0/WS 127.0.0.1:5066;branch=z9hG4bKhostile${seq}`,
      'Max-Forwards': '70',
      From: `"Mallory" <sip:1003@127.0.0.1>;tag=hostile${seq}`,
      To: '<sip:1002@127.0.0.1>',
      'Call-ID': `hostile-${seq}@test`,
      CSeq: `1 ${method}`,
      'Content-Type': body ? 'text/plain' : null,
      'Content-Length': String(new TextEncoder().encode(body).length),
      ...headers,
    };
    const lines = [`${method} ${contact} SIP/2.0`];
    for (const [k, v] of Object.entries(h)) if (v !== null) lines.push(`${k}: ${v}`);
    return `${lines.join('\r\n')}\r\n\r\n${body}`;
  }

  const inject = (text: string) => server<boolean>('inject', { user: '1002', text });

  it('a MESSAGE with HTML in its body is shown as text', async () => {
    const body = '<img src=x onerror="window.__fsInjected=1"><script>window.__fsInjected=2</script><b>bold?</b>';
    const got = nextEvent<{ body: string; from: string }>(el, 'fs-message');
    expect(await inject(request('MESSAGE', body))).to.equal(true);
    expect((await got).detail.body).to.equal(body);
    el.panel = 'chat';
    await el.updateComplete;
    expect(part(el, 'chat-log').textContent).to.contain(body);
  });

  it('a MESSAGE with control characters and right-to-left overrides is shown as text', async () => {
    const body = 'bell\u0007 nul-free \u202Eesrever\u202C tab\tend';
    const got = nextEvent<{ body: string }>(el, 'fs-message');
    await inject(request('MESSAGE', body));
    expect((await got).detail.body).to.equal(body);
  });

  it('caller names with markup, escaped quotes and control characters ring as text', async () => {
    const names = [
      '\\"Eve\\" <img src=x onerror=\\"window.__fsInjected=3\\">',
      '<script>window.__fsInjected=4</script>',
    ];
    for (const name of names) {
      const ringing = nextEvent<{ displayName: string }>(el, 'fs-incoming-call');
      await inject(request('INVITE', '', { From: `"${name}" <sip:1003@127.0.0.1>;tag=hostile-inv${seq}`, Contact: '<sip:mallory@127.0.0.1;transport=ws>' }));
      const shown = (await ringing).detail.displayName;
      expect(shown).to.contain('<');
      await el.updateComplete;
      expect(part(el, 'caller').textContent).to.contain(shown);
      el.decline();
      await waitFor(() => el.callState !== 'incoming', 'declined');
    }
    // A control character inside a quoted display name is not valid SIP: dropped, not shown.
    await inject(request('INVITE', '', { From: `"bell\u0007" <sip:1003@127.0.0.1>;tag=ctl${seq}`, Contact: '<sip:mallory@127.0.0.1;transport=ws>' }));
    await sleep(300);
    expect(el.incomingCall).to.equal(null);
  });

  it('wrong Content-Length, unknown methods, a missing Call-ID, huge headers and garbage are survived', async () => {
    await inject(request('MESSAGE', 'short', { 'Content-Length': '5000' }));
    await inject(request('MESSAGE', 'longer than said', { 'Content-Length': '3' }));
    await inject(request('FROBNICATE', 'x'));
    await inject(request('MESSAGE', 'no call id', { 'Call-ID': null }));
    await inject(request('MESSAGE', 'no cseq', { CSeq: null }));
    await inject(request('MESSAGE', 'big', { 'X-Huge': 'A'.repeat(200_000) }));
    await inject(request('BYE', '', { To: '<sip:1002@127.0.0.1>;tag=nosuchdialog' }));
    await inject('this is not SIP at all\r\n\r\n');
    await inject('\u0000\u0001\u0002 binary \uFFFD junk');
    await inject('SIP/2.0 200 OK\r\nVia: SIP/2.0/WS nowhere.invalid;branch=z9hG4bKstray\r\n\r\n');
    await sleep(500);
    // Still a working phone: a proper message gets through.
    const got = nextEvent<{ body: string }>(el, 'fs-message');
    await inject(request('MESSAGE', 'still here?'));
    expect((await got).detail.body).to.equal('still here?');
  });
});
