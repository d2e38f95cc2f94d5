// The core alone (`fs-video-phone/sip`, dist/sip.esm.js), as a page that draws its own UI uses it:
// two phones register, call each other with media both ways and hang up, with no element at all.
import { expect } from '@open-wc/testing';
// Nothing from src/ here: the phones are the published core build's.
import { SipPhone } from '../dist/sip.esm.js';
import { SIP_DOMAIN, SIP_WS, PASSWORD, inbound, mediaFlows, waitFor } from './helpers.js';

const phone = (user: string) => {
  const p = new SipPhone();
  expect(p.configure({ sipUri: `sip:${user}@${SIP_DOMAIN}`, wsUrl: SIP_WS, password: PASSWORD, displayName: `Core ${user}` })).to.equal(true);
  return p;
};

describe('the core without elements (fs-video-phone/sip)', function () {
  this.timeout(30000);

  it('registers, calls with media both ways, reports the call and hangs up, releasing the devices', async () => {
    const a = phone('1018');
    const b = phone('1019');
    const seen: string[] = [];
    for (const type of ['registered', 'incoming-call', 'call-connected', 'call-ended']) b.addEventListener(type, () => seen.push(type));
    await waitFor(() => a.registrationState === 'registered' && b.registrationState === 'registered', 'both registered');
    b.addEventListener('incoming-call', e => void b.answer(e.detail.callId));
    expect(await a.call('1019')).to.equal(true);
    await waitFor(() => a.callState === 'connected' && b.callState === 'connected', 'connected');
    expect(b.currentCall).to.include({ direction: 'incoming', displayName: 'Core 1018' });
    await mediaFlows(a.peerConnection!, 'video', '1018 sees 1019');
    await mediaFlows(b.peerConnection!, 'video', '1019 sees 1018');
    expect((await inbound(b.peerConnection!, 'audio')).bytesReceived).to.be.greaterThan(0);
    const tracks = [...a.localStream!.getTracks(), ...b.localStream!.getTracks()];
    expect(a.hangup()).to.equal(true);
    await waitFor(() => a.callState !== 'connected' && b.callState !== 'connected', 'ended');
    expect(tracks.every(t => t.readyState === 'ended'), 'every camera and microphone track stopped').to.equal(true);
    expect(seen).to.deep.equal(['registered', 'incoming-call', 'call-connected', 'call-ended']);
    // Something a person could get wrong is an `error` event with a code, never a throw.
    const errors: string[] = [];
    a.addEventListener('error', e => errors.push(e.detail.code));
    expect(a.hold()).to.equal(false);
    expect(errors).to.deep.equal(['no-call']);
    a.stop();
    b.stop();
    expect(a.registrationState).to.equal('unregistered');
  });
});
