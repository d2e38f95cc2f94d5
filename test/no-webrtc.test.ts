import { expect } from '@open-wc/testing';
import { nextEvent, part, phone, unmountAll, waitFor, watchPageErrors } from './helpers.js';

// A browser without WebRTC, played by this one with RTCPeerConnection taken away.
describe('a browser without WebRTC', function () {
  this.timeout(60000);
  watchPageErrors();
  const real = window.RTCPeerConnection;
  const errors: string[] = [];
  const onError = (e: Event) => errors.push((e as CustomEvent<{ code: string }>).detail.code);
  before(() => {
    (window as { RTCPeerConnection?: unknown }).RTCPeerConnection = undefined;
    document.addEventListener('fs-error', onError);
  });
  after(() => {
    window.RTCPeerConnection = real;
    document.removeEventListener('fs-error', onError);
    unmountAll();
  });

  it('the phone renders, registers and chats; Call is disabled with the reason, and call() refuses with webrtc-unsupported', async () => {
    const a = await phone('1003');
    const b = await phone('1004');
    await a.updateComplete;
    expect(errors, 'said once per phone as it starts').to.include('webrtc-unsupported');
    expect(part(a, 'unsupported').textContent).to.equal('This browser cannot make video calls');
    expect((part(a, 'call-button') as HTMLButtonElement).disabled).to.equal(true);
    await expect(a).to.be.accessible();

    const refused = nextEvent<{ code: string }>(a, 'fs-error');
    expect(await a.call('1004')).to.equal(false);
    expect((await refused).detail.code).to.equal('webrtc-unsupported');
    expect(a.callState).to.equal('idle');

    const arrived = nextEvent<{ body: string }>(b, 'fs-message');
    await a.sendMessage('no video here, but we can write', '1004');
    expect((await arrived).detail.body).to.equal('no video here, but we can write');
    await waitFor(() => a.registrationState === 'registered', 'still registered');
  });
});
