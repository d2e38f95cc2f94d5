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
