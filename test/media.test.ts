import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { FsVideoPhone } from '../src/index.js';
import type { CallStats } from '../src/sip/index.js';
import { PREVIEW } from '../src/index.js';
import { BROWSER, TARGET, showsCard, idle, inbound, mediaFlows, nextEvent, part, phone, sleep, waitFor, watchPageErrors } from './helpers.js';

/** A connected call from `from` to `to` (which answers by itself); `attrs` are set on the caller first. */
async function call(from: string, to: string, attrs: Record<string, string> = {}, preview = false): Promise<[FsVideoPhone, FsVideoPhone]> {
  const a = await phone(from, { preview });
  for (const [k, v] of Object.entries(attrs)) a.setAttribute(k, v);
  await a.updateComplete;
  const b = await phone(to, { autoAnswer: true });
  expect(await a.call(to)).to.equal(true);
  await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
  await mediaFlows(b.peerConnection!, 'video', `${to} sees ${from}`);
  return [a, b];
}

const videoSender = (el: FsVideoPhone) => el.peerConnection!.getSenders().find(s => s.track?.kind === 'video')!;
const audioSender = (el: FsVideoPhone) => el.peerConnection!.getSenders().find(s => s.track?.kind === 'audio')!;
const selfView = (el: FsVideoPhone) => part(el, 'local-video') as HTMLVideoElement;

/** Frames keep being decoded on `pc`, at `width` when given. */
async function decodes(pc: RTCPeerConnection, label: string, width?: number): Promise<void> {
  const before = (await inbound(pc, 'video')).framesDecoded;
  await waitFor(async () => {
    const now = await inbound(pc, 'video');
    return now.framesDecoded > before + 5 && (width === undefined || now.frameWidth === width);
  }, `${label} decodes video${width ? ` ${width} wide` : ''}`);
}

/**
 * The SDP session versions (o= lines) both phones have negotiated: any new offer or answer, by
 * either side or by a server between them, changes one. On every target, not only where the
 * server can count INVITEs.
 */
function negotiated(...phones: FsVideoPhone[]): string {
  const origin = (d: RTCSessionDescription | null) => /^o=.*$/m.exec(d?.sdp ?? '')?.[0] ?? '';
  return phones.map(p => `${origin(p.peerConnection!.localDescription)} / ${origin(p.peerConnection!.remoteDescription)}`).join('\n');
}

describe('self-view preview', function () {
  this.timeout(60000);
  watchPageErrors();
  const realQuery = navigator.permissions.query.bind(navigator.permissions);
  const realGum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let asked: MediaStreamConstraints[] = [];
  beforeEach(() => {
    asked = [];
    navigator.mediaDevices.getUserMedia = c => (asked.push(c ?? {}), realGum(c));
  });
  afterEach(() => {
    navigator.permissions.query = realQuery;
    navigator.mediaDevices.getUserMedia = realGum;
    PREVIEW.hiddenMs = 60000;
    PREVIEW.idleMs = 30000;
    delete (document as { visibilityState?: string }).visibilityState;
  });
  const cameraRequests = () => asked.filter(c => c.video).length;

  it('never opens on load, or on clicks and keys elsewhere on the page, even with camera permission granted', async () => {
    navigator.permissions.query = (() => Promise.resolve({ state: 'granted', addEventListener() {}, removeEventListener() {} })) as never;
    const a = await phone('1008', { preview: true });
    await sleep(500);
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    document.body.click();
    a.requestUpdate();
    await sleep(500);
    expect(cameraRequests(), 'no camera request').to.equal(0);
    expect(a.previewStream).to.equal(null);
    expect(part(a, 'self-view-button').getAttribute('aria-pressed')).to.equal('false');
  });

  it('opens when the person types a number, and the call starts on it; closes after the idle time', async () => {
    PREVIEW.idleMs = 1500;
    const a = await phone('1008', { preview: true });
    const b = await phone('1009', { autoAnswer: true });
    (part(a, 'target-input') as HTMLInputElement).focus();
    await sendKeys({ type: '10' });
    await waitFor(() => !!a.previewStream, 'the self-view opens while typing');
    expect(cameraRequests()).to.equal(1);
    expect(a.previewStream!.getAudioTracks(), 'the microphone stays closed').to.have.length(0);
    const previewTrack = a.previewStream!.getVideoTracks()[0];
    await a.updateComplete;
    expect(selfView(a).srcObject).to.equal(a.previewStream);
    expect(part(a, 'self-view-button').getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ type: '09' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => a.callState === 'connected', 'connected');
    expect(cameraRequests(), "the callee's camera only: the caller's call did not open its camera again").to.equal(2);
    expect(videoSender(a).track!.getSettings().deviceId).to.equal(previewTrack.getSettings().deviceId);
    await decodes(b.peerConnection!, '1009 sees 1008');
    await sleep(PREVIEW.idleMs + 300);
    expect(previewTrack.readyState, 'not closed during a call').to.equal('live');
    a.hangup();
    await idle(a);
    await waitFor(() => previewTrack.readyState === 'ended' && !a.previewStream, 'closed after the idle time without a call');
  });

  it('opens on a dialpad key and on moving to Call; `preview` keeps it open while idle', async () => {
    PREVIEW.idleMs = 800;
    const a = await phone('1008', { preview: true });
    const pad = document.createElement('fs-dialpad');
    pad.setAttribute('for', a.id);
    a.after(pad);
    await pad.updateComplete;
    pad.press('1');
    await waitFor(() => !!a.previewStream, 'opens on a dialpad key');
    await waitFor(() => !a.previewStream, 'closes when idle');
    part(a, 'call-button').focus();
    await waitFor(() => !!a.previewStream, 'opens on focus on Call');
    part(a, 'call-button').blur();
    await waitFor(() => !a.previewStream, 'closes when idle');
    a.keepPreview = true;
    await waitFor(() => !!a.previewStream, 'opens with preview');
    expect(a.hasAttribute('preview')).to.equal(false);
    const track = a.previewStream!.getVideoTracks()[0];
    await sleep(PREVIEW.idleMs + 500);
    expect(track.readyState, 'stays open').to.equal('live');
    pad.remove();
  });

  it('the focus the phone puts back on Call after a call is no sign of intent: the camera stays off', async () => {
    const a = await phone('1008', { preview: true });
    await phone('1009', { autoAnswer: true });
    expect(await a.call('1009')).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'connected');
    const during = cameraRequests();
    a.hangup();
    await idle(a);
    await a.updateComplete;
    await waitFor(() => a.shadowRoot!.activeElement === part(a, 'call-button'), 'the focus back on Call');
    await sleep(500);
    expect(a.previewStream, 'no self-view').to.equal(null);
    expect(cameraRequests(), 'no camera request after the call').to.equal(during);
  });

  it('the self-view button shows and hides it; hidden, typing does not open it again until preview()', async () => {
    const a = await phone('1008', { preview: true });
    const button = part(a, 'self-view-button');
    expect(button.getAttribute('aria-label')).to.equal('Self-view');
    button.click();
    await waitFor(() => !!a.previewStream, 'opens on the button');
    await a.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    const track = a.previewStream!.getVideoTracks()[0];
    button.click();
    await waitFor(() => track.readyState === 'ended' && !a.previewStream, 'closes on the button');
    await a.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    a.prepareCall();
    (part(a, 'target-input') as HTMLInputElement).focus();
    await sendKeys({ type: '1' });
    await sleep(500);
    expect(a.previewStream, 'typing does not bring it back').to.equal(null);
    expect(await a.preview()).to.equal(true);
    a.noPreview = true;
    await a.updateComplete;
    expect(a.previewStream).to.equal(null);
    expect(a.shadowRoot!.querySelector('[part~="self-view-button"]'), 'no button with no-preview').to.equal(null);
  });

  it('a call takes its camera from the preview, which stays open after the call; no-preview and removal close it', async () => {
    const a = await phone('1008', { preview: true });
    expect(await a.preview()).to.equal(true);
    // video-size opens the camera again at that size.
    const first = a.previewStream!.getVideoTracks()[0];
    a.videoSize = '640x360';
    const size = () => a.previewStream!.getVideoTracks()[0].getSettings();
    await waitFor(() => size().width === 640 && size().height === 360, 'the preview is 640x360');
    expect(first.readyState).to.equal('ended');
    const previewTrack = a.previewStream!.getVideoTracks()[0];
    const b = await phone('1009', { autoAnswer: true });
    expect(await a.call('1009')).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'connected');
    const sent = videoSender(a).track!;
    expect(sent).to.not.equal(previewTrack);
    expect(sent.getSettings().deviceId).to.equal(previewTrack.getSettings().deviceId);
    expect(sent.getSettings().width).to.equal(640);
    await decodes(b.peerConnection!, '1009 sees 1008');
    a.hangup();
    await idle(a);
    expect(sent.readyState, 'the call released its copy').to.equal('ended');
    expect(previewTrack.readyState, 'the preview goes on').to.equal('live');
    a.noPreview = true;
    await a.updateComplete;
    expect(previewTrack.readyState).to.equal('ended');
    expect(a.previewStream).to.equal(null);
    a.noPreview = false;
    await a.updateComplete;
    await waitFor(() => !!a.previewStream, 'reopens');
    const again = a.previewStream!.getVideoTracks()[0];
    a.remove();
    await sleep(50);
    expect(again.readyState, 'removed: camera off').to.equal('ended');
  });

  it('a camera that cannot be had: fs-error, a visible notice, and no retrying by itself', async () => {
    navigator.mediaDevices.getUserMedia = c => (asked.push(c ?? {}), Promise.reject(new DOMException('stubbed', 'NotAllowedError')));
    const a = await phone('1008', { preview: true });
    const error = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.preview()).to.equal(false);
    expect((await error).detail.code).to.equal('media-error');
    await a.updateComplete;
    expect(part(a, 'notice').textContent).to.match(/permission was denied/i);
    expect(selfView(a).hidden).to.equal(true);
    const before = asked.length;
    a.prepareCall();
    a.requestUpdate();
    await sleep(500);
    expect(asked.length, 'not asked again').to.equal(before);
  });

  it('a tab hidden for longer than the limit turns the camera off; it comes back when shown', async () => {
    PREVIEW.hiddenMs = 300;
    const a = await phone('1008', { preview: true });
    await a.preview();
    const track = a.previewStream!.getVideoTracks()[0];
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => track.readyState === 'ended', 'camera off while hidden');
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => a.previewStream?.getVideoTracks()[0]?.readyState === 'live', 'back when shown');
  });
});

describe('devices', function () {
  this.timeout(60000);
  watchPageErrors();
  const realEnumerate = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
  afterEach(() => {
    navigator.mediaDevices.enumerateDevices = realEnumerate;
    localStorage.removeItem('fs-video-phone-devices');
  });

  it('switching camera and microphone mid-call replaces the tracks: no new offer, the peer keeps decoding', async () => {
    const [a, b] = await call('1010', '1011');
    await waitFor(() => a.devices.filter(d => d.kind === 'camera').length > 0, 'cameras listed');
    const cameras = a.devices.filter(d => d.kind === 'camera');
    if (BROWSER === 'chromium') expect(cameras.length, 'fake cameras').to.be.at.least(2);
    const before = negotiated(a, b);
    const oldVideo = videoSender(a).track!;
    const target = cameras[cameras.length - 1];
    // Through the settings panel, as a person would.
    part(a, 'settings-button').click();
    await a.updateComplete;
    const select = part(a, 'camera-select') as HTMLSelectElement;
    expect([...select.options].map(o => o.value)).to.include(target.id);
    select.value = target.id;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => videoSender(a).track !== oldVideo && videoSender(a).track?.readyState === 'live', 'camera replaced');
    expect(videoSender(a).track!.getSettings().deviceId).to.equal(target.id);
    expect(oldVideo.readyState).to.equal('ended');
    expect(a.camera).to.equal(target.id);
    await a.updateComplete;
    expect((selfView(a).srcObject as MediaStream).getVideoTracks()[0]).to.equal(videoSender(a).track);
    await decodes(b.peerConnection!, '1011 after the switch');

    const mics = a.devices.filter(d => d.kind === 'microphone' && d.id !== 'default');
    const oldAudio = audioSender(a).track!;
    a.microphone = mics[mics.length - 1].id;
    await waitFor(() => audioSender(a).track !== oldAudio, 'microphone replaced');
    await mediaFlows(b.peerConnection!, 'audio', '1011 hears the new microphone');
    expect(negotiated(a, b), 'no renegotiation').to.equal(before);
    a.hangup();
    await idle(a);
  });

  it('with the camera off, a camera switch keeps the far end on the card; camera on sends the new camera', async () => {
    const [a, b] = await call('1010', '1011');
    await waitFor(() => a.devices.filter(d => d.kind === 'camera').length > 0, 'cameras listed');
    const cameras = a.devices.filter(d => d.kind === 'camera');
    part(a, 'camera-button').click();
    await waitFor(() => showsCard(b), '1011 sees the card');
    const card = videoSender(a).track!;
    const oldCamera = a.localStream!.getVideoTracks()[0];
    a.camera = cameras[cameras.length - 1].id === a.camera ? cameras[0].id : cameras[cameras.length - 1].id;
    await waitFor(() => a.localStream!.getVideoTracks()[0] !== oldCamera, 'the new camera is open');
    await sleep(300); // what a switch that put the camera back on the sender would have done by now
    expect(videoSender(a).track, 'the card is still sent').to.equal(card);
    expect(a.localStream!.getVideoTracks()[0].enabled, 'the new camera is off too').to.equal(false);
    await waitFor(() => showsCard(b), '1011 still sees the card');
    part(a, 'camera-button').click();
    await waitFor(() => videoSender(a).track === a.localStream!.getVideoTracks()[0], 'the new camera is sent');
    expect(card.readyState, 'the card stopped').to.equal('ended');
    await waitFor(() => !showsCard(b), '1011 sees the camera');
    a.hangup();
    await idle(a);
  });

  it('the choice persists per origin unless no-persist, and an unplugged camera falls back to the default mid-call', async () => {
    const [a, b] = await call('1010', '1011');
    a.noPersist = false;
    await waitFor(() => a.devices.some(d => d.kind === 'camera'), 'cameras listed');
    const cameras = a.devices.filter(d => d.kind === 'camera');
    const chosen = cameras[cameras.length - 1];
    a.camera = chosen.id;
    await waitFor(() => videoSender(a).track?.getSettings().deviceId === chosen.id, 'camera chosen');
    expect(JSON.parse(localStorage.getItem('fs-video-phone-devices')!).camera).to.equal(chosen.id);
    const other = document.createElement('fs-video-phone');
    document.body.append(other);
    expect(other.camera, 'remembered').to.equal(chosen.id);
    other.remove();

    // Unplugged: the browser no longer lists it.
    const before = negotiated(a, b);
    const inUse = videoSender(a).track!;
    const real = await realEnumerate();
    const left = real.filter(d => d.deviceId !== chosen.id);
    // Firefox lists one fake camera: a stand-in takes its place, as a second camera would.
    if (!left.some(d => d.kind === 'videoinput')) left.push({ kind: 'videoinput', deviceId: 'stand-in', label: 'Stand-in', groupId: '' } as MediaDeviceInfo);
    navigator.mediaDevices.enumerateDevices = async () => left;
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await waitFor(() => videoSender(a).track !== inUse && videoSender(a).track?.readyState === 'live', 'back to the default camera');
    await waitFor(() => a.camera === '', 'the choice shows the default');
    await decodes(b.peerConnection!, '1011 after the unplug');
    expect(negotiated(a, b), 'no renegotiation').to.equal(before);
    a.hangup();
    await idle(a);
  });

  it('speaker: the far end plays on the chosen output', async function () {
    if (!('setSinkId' in HTMLMediaElement.prototype)) this.skip();
    const [a] = await call('1010', '1011');
    const outputs = a.devices.filter(d => d.kind === 'speaker' && d.id !== 'default');
    part(a, 'settings-button').click();
    await a.updateComplete;
    expect(part(a, 'speaker-select')).to.be.instanceOf(HTMLSelectElement);
    if (outputs.length) {
      a.speaker = outputs[0].id;
      await waitFor(() => (part(a, 'remote-video') as HTMLVideoElement & { sinkId: string }).sinkId === outputs[0].id, 'sink set');
    }
    await expect(a).to.be.accessible();
    a.hangup();
    await idle(a);
  });
});

describe('screen sharing', function () {
  this.timeout(60000);
  watchPageErrors();
  const realDisplay = navigator.mediaDevices.getDisplayMedia?.bind(navigator.mediaDevices);
  before(() => {
    // Firefox cannot capture a screen headless: its picker is stood in for by a canvas stream.
    if (BROWSER === 'firefox') {
      navigator.mediaDevices.getDisplayMedia = async () => {
        const canvas = Object.assign(document.createElement('canvas'), { width: 480, height: 270 });
        const ctx = canvas.getContext('2d')!;
        setInterval(() => ctx.fillRect(Math.random() * 400, 0, 40, 40), 50);
        return canvas.captureStream(15);
      };
    }
  });
  after(() => {
    if (realDisplay) navigator.mediaDevices.getDisplayMedia = realDisplay;
  });

  it('share replaces the camera with no new offer; the browser’s own stop and our button bring the camera back', async () => {
    const [a, b] = await call('1012', '1013');
    const before = negotiated(a, b);
    const camera = videoSender(a).track!;
    await a.updateComplete;
    part(a, 'share-button').click();
    await waitFor(() => !!a.shareStream, 'sharing');
    const screen = a.shareStream!.getVideoTracks()[0];
    const width = screen.getSettings().width!;
    // shareStream is set as the share starts; the sender switches once replaceTrack() resolves.
    await waitFor(() => videoSender(a).track === screen, 'the screen is sent instead of the camera');
    await a.updateComplete;
    expect(selfView(a).srcObject).to.equal(a.shareStream);
    expect(part(a, 'share-button').getAttribute('aria-pressed')).to.equal('true');
    await decodes(b.peerConnection!, '1013 sees the screen', width);
    // The browser's "Stop sharing" ends the track. (Firefox gives no 'ended' event a page
    // dispatches to a track's listeners: there the stand-in stops from our button.)
    if (BROWSER === 'firefox') a.stopShare();
    else screen.dispatchEvent(new Event('ended'));
    await waitFor(() => videoSender(a).track === camera, `camera back (sending ${videoSender(a)?.track?.label}, camera ${camera.label} ${camera.readyState})`);
    expect(a.shareStream).to.equal(null);
    await decodes(b.peerConnection!, '1013 sees the camera again');
    // Again, stopped from our button this time.
    expect(await a.shareScreen()).to.equal(true);
    await a.updateComplete;
    part(a, 'share-button').click();
    await waitFor(() => videoSender(a).track === camera, 'camera back after Stop sharing');
    await decodes(b.peerConnection!, '1013 still decoding');
    expect(negotiated(a, b), 'no renegotiation').to.equal(before);
    a.hangup();
    await idle(a);
  });

  it('camera off while sharing keeps the screen; when sharing stops the far end sees the card, then the camera', async () => {
    const [a, b] = await call('1012', '1013');
    const camera = videoSender(a).track!;
    expect(await a.shareScreen()).to.equal(true);
    const screen = a.shareStream!.getVideoTracks()[0];
    await waitFor(() => videoSender(a).track === screen, 'the screen is sent');
    part(a, 'camera-button').click();
    await waitFor(() => a.muted.video, 'camera off');
    expect(videoSender(a).track, 'the screen stays').to.equal(screen);
    expect(screen.enabled, 'the screen is still shown').to.equal(true);
    await decodes(b.peerConnection!, '1013 still sees the screen');
    a.stopShare();
    await waitFor(() => showsCard(b), '1013 sees the card, not the camera or black');
    expect(camera.enabled, 'the camera stays off').to.equal(false);
    part(a, 'camera-button').click();
    await waitFor(() => videoSender(a).track === camera && camera.enabled, 'the camera is sent again');
    await waitFor(() => !showsCard(b), '1013 sees the camera');
    a.hangup();
    await idle(a);
  });

  it('a cancelled screen picker: share-failed, the camera is still sent', async () => {
    const [a, b] = await call('1012', '1013');
    const camera = videoSender(a).track;
    const picker = navigator.mediaDevices.getDisplayMedia;
    navigator.mediaDevices.getDisplayMedia = () => Promise.reject(new DOMException('cancelled', 'NotAllowedError'));
    try {
      const error = nextEvent<{ code: string; message: string }>(a, 'fs-error');
      expect(await a.shareScreen()).to.equal(false);
      const e = await error;
      expect(e.detail.code).to.equal('share-failed');
      expect(e.detail.message).to.match(/cancelled/);
    } finally {
      navigator.mediaDevices.getDisplayMedia = picker;
    }
    expect(videoSender(a).track).to.equal(camera);
    expect(a.shareStream).to.equal(null);
    await decodes(b.peerConnection!, '1013 still sees the camera');
    a.hangup();
    await idle(a);
  });

  it('an audio-only call cannot share: share-failed, the call goes on', async () => {
    const a = await phone('1012', { audioOnly: true });
    const b = await phone('1013', { autoAnswer: true, audioOnly: true });
    expect(await a.call('1013')).to.equal(true);
    await waitFor(() => a.callState === 'connected', 'connected');
    const error = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.shareScreen()).to.equal(false);
    expect((await error).detail.code).to.equal('share-failed');
    await mediaFlows(b.peerConnection!, 'audio', 'still talking');
    a.hangup();
    await idle(a);
  });
});

describe('codec and quality', function () {
  this.timeout(60000);
  watchPageErrors();

  const has = (name: string) => RTCRtpSender.getCapabilities('video')!.codecs.some(c => c.mimeType === `video/${name}`);

  it('video-codecs picks the codec (getStats), video-size the capture size, max-video-bitrate caps what is sent', async () => {
    // H264 where the browser has it (Firefox here has no OpenH264 plugin): VP9 otherwise, both not the default.
    const codec = has('H264') ? 'H264' : 'VP9';
    const [a, b] = await call('1014', '1015', { 'video-codecs': codec, 'video-size': '640x360', 'max-video-bitrate': '150', 'stats-interval': '500' });
    const stats = await nextEvent<CallStats>(a, 'fs-stats');
    await waitFor(async () => {
      let mime = '';
      const report = await b.peerConnection!.getStats();
      report.forEach(s => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.codecId) mime = report.get(s.codecId)?.mimeType;
      });
      return mime === `video/${codec}`;
    }, `1015 decodes ${codec}`);
    await waitFor(() => a.stats?.codec === codec, `1014 receives ${codec} too`);
    expect(stats.detail.callId).to.equal(a.currentCall!.id);
    const settings = videoSender(a).track!.getSettings();
    expect([settings.width, settings.height]).to.deep.equal([640, 360]);
    // Decoded at the size asked for, or smaller where the browser scales down under the 150 kbit/s cap or for CPU.
    await decodes(b.peerConnection!, '1015');
    const width = (await inbound(b.peerConnection!, 'video')).frameWidth;
    expect(width, 'no wider than the capture').to.be.within(1, 640);
    expect(videoSender(a).getParameters().encodings[0].maxBitrate).to.equal(150000);
    // What is sent settles under the cap (audio adds ~40 kbit/s).
    await sleep(3000);
    await waitFor(() => !!a.stats && a.stats.bitrateOut < 260, `1014 sends under the cap (${a.stats?.bitrateOut} kbit/s)`);
    a.hangup();
    await idle(a);
  });

  it('video starts at 360 lines, so the first picture comes at once, and goes to full size after a second', async () => {
    const a = await phone('1014');
    const b = await phone('1015', { autoAnswer: true });
    expect(await a.call('1015')).to.equal(true);
    await waitFor(() => !!b.peerConnection, 'answered');
    const widths: number[] = [];
    await waitFor(async () => {
      const now = await inbound(b.peerConnection!, 'video');
      if (now.frameWidth) widths.push(now.frameWidth);
      return widths.length > 0;
    }, 'first frames');
    expect(widths[0], 'first frames at most 640×360').to.be.at.most(640);
    // The sender goes back to full size a second after the media is up…
    await waitFor(() => videoSender(a).getParameters().encodings.every(e => (e.scaleResolutionDownBy ?? 1) === 1), 'the sender back to full size');
    // …and the picture follows as far as the browser's bandwidth estimate allows: through
    // rtpengine, Firefox's estimate stays low in this setup (its frames stay at 640 wide), so there
    // the width is only reported.
    // Chromium says why it sends less (qualityLimitationReason): on a busy machine its encoder
    // keeps 640 wide for want of CPU, or its bandwidth estimate is still climbing; either is the
    // browser's call, not the phone's. With no limit reported, the picture must grow.
    if (BROWSER === 'firefox' && TARGET === 'relayed') console.log(`[${TARGET}/${BROWSER}] frame width after the fast start: ${(await inbound(b.peerConnection!, 'video')).frameWidth}`);
    else {
      let limited = '';
      await waitFor(async () => {
        if ((await inbound(b.peerConnection!, 'video')).frameWidth > 640) return true;
        const out = [...(await a.peerConnection!.getStats()).values()].find(r => r.type === 'outbound-rtp' && r.kind === 'video');
        const reason = out?.qualityLimitationReason;
        limited = reason === 'cpu' || reason === 'bandwidth' ? reason : '';
        return !!limited;
      }, 'full size follows, or the browser reports what limits it');
      if (limited) console.log(`[${TARGET}/${BROWSER}] full size held back by the browser: quality limited by ${limited}`);
    }
    a.hangup();
    await idle(a);
  });

  it('an unknown codec or size is an invalid-option error', async () => {
    const a = await phone('1014');
    const error = nextEvent<{ code: string; message: string }>(a, 'fs-error');
    a.videoCodecs = 'VP8 FOO';
    const e = await error;
    expect(e.detail.code).to.equal('invalid-option');
    expect(e.detail.message).to.match(/FOO/);
    a.videoCodecs = '';
    const second = nextEvent<{ code: string }>(a, 'fs-error');
    a.videoSize = 'big';
    expect((await second).detail.code).to.equal('invalid-option');
  });

  it('the quality indicator and fs-stats carry real numbers, plausible from the first; none without stats-interval', async () => {
    const [a, b] = await call('1014', '1015');
    let events = 0;
    a.addEventListener('fs-stats', () => events++);
    await waitFor(() => !!a.stats, 'figures');
    // The call's very first figures are rates over a real interval, not over a millisecond.
    const first = a.stats!;
    expect(first.fps, 'first frame rate').to.be.at.most(120);
    expect(first.bitrateIn, 'first bitrate in').to.be.below(20000);
    expect(first.bitrateOut, 'first bitrate out').to.be.below(20000);
    await sleep(1500);
    expect(events, 'no fs-stats by default').to.equal(0);
    a.statsInterval = 500;
    const e = await nextEvent<CallStats>(a, 'fs-stats');
    const s = (await nextEvent<CallStats>(a, 'fs-stats')).detail;
    expect(e.detail.level).to.be.oneOf(['good', 'fair', 'poor']);
    expect(s.codec).to.match(/^(VP8|VP9|H264|AV1)$/);
    expect(s.width).to.be.above(0);
    expect(s.fps).to.be.above(0);
    expect(s.bitrateIn).to.be.above(50);
    expect(s.bitrateOut).to.be.above(50);
    expect(s.loss).to.be.at.least(0);
    expect(s.path).to.equal('direct');
    expect(s.remoteAddress).to.match(/^(127\.0\.0\.1|\[::1\]):\d+$/);
    await waitFor(() => a.stats?.rtt !== null, 'round-trip time measured');
    await a.updateComplete;
    const chip = part(a, 'quality');
    expect(chip.getAttribute('aria-label')).to.match(/Call quality: (Good|Fair|Poor)/);
    chip.click();
    await a.updateComplete;
    const panel = part(a, 'quality-panel').textContent!;
    expect(panel).to.contain(`${s.codec}`).and.to.match(/kbit\/s/).and.to.match(/\d+ ms/).and.to.contain('Direct');
    await expect(a).to.be.accessible();
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });
});

describe('picture-in-picture and full screen', function () {
  this.timeout(60000);
  watchPageErrors();

  /** A real click (a user gesture) in the middle of `el`. */
  async function click(el: HTMLElement): Promise<void> {
    const r = el.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
  }

  it('full screen shows the stage; picture-in-picture where the browser has it, hidden where not', async () => {
    const [a] = await call('1016', '1017');
    await a.updateComplete;
    await click(part(a, 'fullscreen-button'));
    await waitFor(() => a.shadowRoot!.fullscreenElement === part(a, 'stage'), 'stage full screen');
    await document.exitFullscreen();
    await waitFor(() => !document.fullscreenElement, 'left full screen');
    if (document.pictureInPictureEnabled) {
      // Headless Chromium has no window to float the video in: the request is checked, and its outcome logged.
      const real = HTMLVideoElement.prototype.requestPictureInPicture;
      const asked: HTMLVideoElement[] = [];
      let outcome = '';
      HTMLVideoElement.prototype.requestPictureInPicture = function (this: HTMLVideoElement) {
        asked.push(this);
        const request = real.call(this);
        request.then(() => (outcome = 'entered'), (e: Error) => (outcome = e.name));
        return request;
      };
      try {
        await click(part(a, 'pip-button'));
        await waitFor(() => outcome !== '', 'picture-in-picture answered');
      } finally {
        HTMLVideoElement.prototype.requestPictureInPicture = real;
      }
      expect(asked).to.deep.equal([part(a, 'remote-video')]);
      console.log(`picture-in-picture: ${outcome}`);
      if (document.pictureInPictureElement) await document.exitPictureInPicture();
    } else {
      expect(a.shadowRoot!.querySelector('[part~="pip-button"]'), 'no PiP button without the API').to.equal(null);
    }
    a.hangup();
    await idle(a);
  });
});
