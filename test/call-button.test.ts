import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FsCallButton, FsVideoPhone } from '../src/index.js';
import { SIP_WS, idle, mediaFlows, mount, nextEvent, part, phone, sleep, unmountAll, waitFor, watchPageErrors } from './helpers.js';

function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function callButton(attrs: Record<string, string>): FsCallButton {
  const el = document.createElement('fs-call-button') as FsCallButton;
  el.setAttribute('ws-url', SIP_WS);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return mount(el);
}

const dialogOf = (el: FsCallButton) => el.shadowRoot!.querySelector('dialog')!;
const phoneIn = (el: FsCallButton) => el.shadowRoot!.querySelector('fs-video-phone') as FsVideoPhone | null;

describe('<fs-call-button>: a "video call us" button for public pages', function () {
  this.timeout(60000);
  watchPageErrors();
  let cameraOpened = 0;
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  before(() => {
    navigator.mediaDevices.getUserMedia = (c?: MediaStreamConstraints) => (cameraOpened++, real(c));
  });
  after(() => {
    navigator.mediaDevices.getUserMedia = real;
  });
  afterEach(unmountAll);

  it('one press calls the target as a guest in a view over the page; Escape hangs up, closes and gives the focus back', async () => {
    const desk = await phone('1000', { autoAnswer: true });
    const button = callButton({ target: '1000', 'display-name': 'Web visitor' });
    await button.updateComplete;
    cameraOpened = 0;
    expect(part(button, 'button').textContent!.trim()).to.equal('Video call');
    await expect(button).to.be.accessible();
    await sleep(300);
    expect(cameraOpened, 'no camera before the press').to.equal(0);
    const top = button.getBoundingClientRect().top;

    const ringing = nextEvent<{ displayName: string }>(desk, 'fs-incoming-call');
    part(button, 'button').click();
    expect((await ringing).detail.displayName).to.equal('Web visitor');
    expect(dialogOf(button).open, 'the call view is open').to.equal(true);
    expect(button.getBoundingClientRect().top, 'the page did not move').to.equal(top);
    expect(cameraOpened, 'the camera opened on the press').to.be.at.least(1);
    const guest = phoneIn(button)!;
    await waitFor(() => guest.callState === 'connected' && desk.callState === 'connected', 'connected');
    await mediaFlows(guest.peerConnection!, 'video', 'the visitor sees the desk');
    await mediaFlows(desk.peerConnection!, 'video', 'the desk sees the visitor');
    await expect(document.body).to.be.accessible({ ignoredRules: ['region'] });

    const ended = nextEvent<{ reason: string; originator: string }>(desk, 'fs-call-ended');
    part(guest, 'hangup-button').focus();
    await sendKeys({ press: 'Escape' });
    expect((await ended).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await waitFor(() => !dialogOf(button).open, 'the view closed');
    await button.updateComplete;
    expect(deepActive(), 'focus back on the button').to.equal(part(button, 'button'));
    expect(phoneIn(button), 'nothing left connected').to.equal(null);
    await idle(desk);
  });

  it('ask-name: the visitor types a name the desk sees; after the call, Call again calls again, Close closes', async () => {
    const desk = await phone('1000', { autoAnswer: true });
    const button = callButton({ target: '1000', 'ask-name': '' });
    await button.updateComplete;
    cameraOpened = 0;
    part(button, 'button').click();
    await waitFor(() => !!deepActive() && deepActive() === button.shadowRoot!.querySelector('[part~="name-input"]'), 'the name field has the focus');
    expect(cameraOpened, 'no camera before the name').to.equal(0);
    const ringing = nextEvent<{ displayName: string }>(desk, 'fs-incoming-call');
    await sendKeys({ type: 'Ada Lovelace' });
    await sendKeys({ press: 'Enter' });
    expect((await ringing).detail.displayName).to.equal('Ada Lovelace');
    const guest = phoneIn(button)!;
    await waitFor(() => guest.callState === 'connected', 'connected');
    desk.hangup();
    await waitFor(() => !!button.shadowRoot!.querySelector('[part~="again-button"]'), 'Call again offered');
    await button.updateComplete;
    expect(part(guest, 'call-status').textContent, 'how it ended').to.match(/ended/i);

    const again = nextEvent<{ displayName: string }>(desk, 'fs-incoming-call');
    part(button, 'again-button').click();
    expect((await again).detail.displayName).to.equal('Ada Lovelace');
    await waitFor(() => guest.callState === 'connected', 'connected again');
    part(button, 'close-button').click();
    await waitFor(() => !dialogOf(button).open && desk.callState !== 'connected', 'closed and hung up');
    await idle(desk);
  });

  it('audio-only: the microphone alone opens, and the call carries voice and no video', async () => {
    const desk = await phone('1000');
    const button = callButton({ target: '1000', 'audio-only': '' });
    await button.updateComplete;
    const asked: MediaStreamConstraints[] = [];
    navigator.mediaDevices.getUserMedia = (c?: MediaStreamConstraints) => (asked.push(c ?? {}), real(c));
    try {
      const ringing = nextEvent(desk, 'fs-incoming-call');
      part(button, 'button').click();
      await ringing;
      // What the visitor's side asked for (the desk answers after, with its camera).
      const visitor = asked.splice(0);
      expect(visitor.length, 'media asked for').to.be.at.least(1);
      expect(visitor.filter(c => c.video).map(c => JSON.stringify(c)), 'never the camera').to.deep.equal([]);
      await desk.answer();
      const guest = phoneIn(button)!;
      await waitFor(() => guest.callState === 'connected' && desk.callState === 'connected', 'connected');
      await mediaFlows(desk.peerConnection!, 'audio', 'the desk hears the visitor');
      await mediaFlows(guest.peerConnection!, 'audio', 'the visitor hears the desk');
      const sent = guest.peerConnection!.getSenders().filter(s => s.track?.kind === 'video');
      expect(sent, 'no video sent').to.deep.equal([]);
      const video = [...(await desk.peerConnection!.getStats()).values()].filter(r => r.type === 'inbound-rtp' && r.kind === 'video');
      expect(video.reduce((n, r) => n + (r.bytesReceived ?? 0), 0), 'no video arrives at the desk').to.equal(0);
      button.close();
      await idle(desk);
    } finally {
      navigator.mediaDevices.getUserMedia = (c?: MediaStreamConstraints) => (cameraOpened++, real(c));
    }
  });

  it('fits a 320 px phone: the name form and the call view inside the screen, every control whole and uncovered', async () => {
    const desk = await phone('1000', { autoAnswer: true });
    // A page of its own, 320 px wide, as a phone shows it.
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 320px; height: 640px; border: 0';
    const loaded = new Promise(resolve => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      <script src="${new URL('/dist/fs-video-phone.min.js', location.href).href}"></script></head>
      <body><fs-call-button target="1000" ws-url="${SIP_WS}" ask-name></fs-call-button></body></html>`;
    mount(frame);
    await loaded;
    const doc = frame.contentDocument!;
    await waitFor(() => !!doc.querySelector('fs-call-button')?.shadowRoot?.querySelector('button'), 'the button renders');
    const button = doc.querySelector('fs-call-button') as FsCallButton;
    /** Every shown control of `root` lies inside the screen, is at least 24 px, and nothing covers its middle. */
    const whole = (root: ShadowRoot, label: string, within: ParentNode = root) => {
      const controls = [...within.querySelectorAll<HTMLElement>('button, input')].filter(c => c.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && c.getBoundingClientRect().width);
      expect(controls.length, `${label}: controls shown`).to.be.greaterThan(0);
      for (const c of controls) {
        const r = c.getBoundingClientRect();
        const name = `${label}: ${c.getAttribute('part') ?? c.textContent!.trim()}`;
        expect(r.left, `${name} inside on the left`).to.be.at.least(-0.5);
        expect(r.right, `${name} inside on the right`).to.be.at.most(320.5);
        expect(Math.min(r.width, r.height), `${name} big enough to press`).to.be.at.least(24);
        const top = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        expect(!!top && c.contains(top), `${name} covered by ${top?.getAttribute('part') ?? top?.className}`).to.equal(true);
      }
    };
    part(button, 'button').click();
    await waitFor(() => !!button.shadowRoot!.querySelector('[part~="name-input"]'), 'the name form');
    const dialog = button.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
    expect(dialog.left, 'the view inside on the left').to.be.at.least(0);
    expect(dialog.right, 'the view inside on the right').to.be.at.most(320);
    whole(button.shadowRoot!, 'name form', button.shadowRoot!.querySelector('dialog')!);
    (button.shadowRoot!.querySelector('[part~="name-input"]') as HTMLInputElement).value = 'Visitor';
    button.shadowRoot!.querySelector('form')!.requestSubmit();
    const guest = await waitFor(() => !!phoneIn(button), 'the call view').then(() => phoneIn(button)!);
    await waitFor(() => guest.callState === 'connected' && desk.callState === 'connected', 'connected');
    await mediaFlows(guest.peerConnection!, 'video', 'the visitor sees the desk');
    guest.shadowRoot!.querySelector('.base')!.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    await guest.updateComplete;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(doc.documentElement.scrollWidth, 'no sideways scroll').to.be.at.most(320);
    whole(guest.shadowRoot!, 'in the call');
    whole(button.shadowRoot!, 'the view around it', button.shadowRoot!.querySelector('.actions')!);
    const video = (guest.shadowRoot!.querySelector('[part~="remote-video"]') as HTMLElement).getBoundingClientRect();
    expect(video.width, 'the far end as wide as the view allows').to.be.at.least(260);
    button.close();
    await idle(desk);
  });

  it('speaks the page language', async () => {
    document.documentElement.lang = 'zh-CN';
    try {
      const button = callButton({ target: '1000' });
      await button.updateComplete;
      expect(part(button, 'button').textContent!.trim()).to.equal('视频通话');
    } finally {
      document.documentElement.lang = 'en';
    }
  });
});
