import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { TARGET, farEndSetup, idle, loadFrame, mediaFlows, nextEvent, part, phone, server, unmountAll, waitFor } from './helpers.js';

// A page reloaded in a call takes the call back (INVITE with Replaces). The page is a frame
// (test/fixtures/tab.html), reloaded as a person reloads a tab; the far end is a phone on this page.
const USER = '1012';
const FAR = '1013';

interface Tab {
  frame: HTMLIFrameElement;
  el: FsVideoPhone;
  /** Every call-state the frame's phone showed since it (re)loaded. */
  states: string[];
}

function follow(frame: HTMLIFrameElement): Tab {
  const el = frame.contentDocument!.querySelector('fs-video-phone') as FsVideoPhone;
  const states: string[] = [];
  new MutationObserver(() => states.push(el.getAttribute('call-state') ?? '')).observe(el, { attributes: true, attributeFilter: ['call-state'] });
  return { frame, el, states };
}

/** A page with USER's phone; unless `keep`, with no call of an earlier page of this tab to take back. */
async function open(query: string, keep = false): Promise<Tab> {
  localStorage.removeItem(`fs-video-phone-history:${USER}@127.0.0.1`);
  if (!keep) sessionStorage.removeItem(`fs-video-phone rejoin sip:${USER}@127.0.0.1`);
  const multiTab = query.includes('multi-tab=') ? '' : 'multi-tab=independent&';
  return follow(await loadFrame(new URL(`./fixtures/tab.html?user=${USER}&${multiTab}history&${query}`, import.meta.url)));
}

/** Reloads the frame, as the person reloads the tab. */
async function reload(tab: Tab): Promise<Tab> {
  const loaded = new Promise(resolve => tab.frame.addEventListener('load', resolve, { once: true }));
  tab.frame.contentWindow!.location.reload();
  await loaded;
  return follow(tab.frame);
}

describe(`a call survives a reload of its page (${TARGET})`, function () {
  this.timeout(60000);
  const frames: HTMLIFrameElement[] = [];
  afterEach(async () => {
    for (const f of frames.splice(0)) f.remove();
    unmountAll();
    // The phones' connections close before the next suite counts them (JsSIP waits up to 2 s for their last transactions).
    if (TARGET === 'dev') await waitFor(async () => (await server<number>('sockets', { users: [USER, FAR] })) === 0, 'connections closed', 6000);
  });

  /** The frame's phone in a call with FAR, media flowing both ways. */
  async function inCall(query = ''): Promise<[Tab, FsVideoPhone]> {
    const tab = await open(query);
    frames.push(tab.frame);
    const far = await phone(FAR, { autoAnswer: true });
    await waitFor(() => tab.el.registrationState === 'registered', 'the frame registered');
    expect(await tab.el.call(FAR)).to.equal(true);
    await waitFor(() => tab.el.callState === 'connected' && far.callState === 'connected', 'connected');
    await mediaFlows(tab.el.peerConnection!, 'video', `${USER} before`);
    await mediaFlows(far.peerConnection!, 'video', `${FAR} before`);
    return [tab, far];
  }

  it('reloaded mid-call: "Reconnecting the call…", then both sides decode again; the far end never ends its call, and each side keeps one call', async () => {
    const [before, far] = await inCall();
    const farCall = far.currentCall!;
    const { connectedAt, remote } = before.el.currentCall!;
    const farPc = far.peerConnection;
    const ended: unknown[] = [];
    far.addEventListener('fs-call-ended', e => ended.push((e as CustomEvent).detail));

    const reloaded = performance.now();
    const tab = await reload(before);
    const connected = nextEvent<{ rejoined?: boolean; direction: string }>(tab.el, 'fs-call-connected', 20000);
    expect((await connected).detail).to.include({ rejoined: true, direction: 'outgoing' });
    expect(tab.states, 'what the reloaded page showed').to.include('reconnecting');
    await waitFor(() => far.peerConnection !== farPc, 'the far end took the call over on a new connection');
    await mediaFlows(tab.el.peerConnection!, 'video', `${USER} after the reload`);
    await mediaFlows(far.peerConnection!, 'video', `${FAR} after the reload`);
    // The reloaded page offered to open the DTLS handshake itself (no wait for the far end's).
    expect(farEndSetup(tab.el.peerConnection), 'the far end answers passive').to.deep.equal(['passive']);
    console.log(`[${TARGET}] reload → both sides decoding again in ${Math.round(performance.now() - reloaded)} ms`);
    expect(tab.el.currentCall).to.include({ state: 'connected', connectedAt, remote });
    expect(far.currentCall).to.include({ id: farCall.id, connectedAt: farCall.connectedAt, state: 'connected' });
    expect(far.calls.length, 'no second line at the far end').to.equal(1);
    expect(ended, 'the far end never ended its call').to.deep.equal([]);

    const farEnded = nextEvent<{ reason: string; originator: string }>(far, 'fs-call-ended');
    tab.el.hangup();
    expect((await farEnded).detail).to.include({ reason: 'hangup', originator: 'remote' });
    await Promise.all([idle(tab.el), idle(far)]);
    expect(tab.el.history.length, 'one call in the reloaded page\'s history').to.equal(1);
    expect(tab.el.history[0].startedAt).to.be.below(connectedAt! + 1);
    expect(far.history.length, 'one call at the far end').to.equal(1);
  });

  it('reloaded while another tab of the account is open: that tab holds the account meanwhile and hands it back; the call comes back', async () => {
    const [before, far] = await inCall('multi-tab=shared');
    const other = follow(await loadFrame(new URL(`./fixtures/tab.html?user=${USER}&multi-tab=shared`, import.meta.url)));
    frames.push(other.frame);
    await waitFor(() => other.el.registrationState === 'elsewhere', 'the other tab leaves the account to the one in the call');
    const farPc = far.peerConnection;
    const registered: string[] = [];
    other.el.addEventListener('fs-registered', () => registered.push('other'));

    const tab = await reload(before);
    const connected = nextEvent<{ rejoined?: boolean }>(tab.el, 'fs-call-connected', 20000);
    expect((await connected).detail).to.include({ rejoined: true });
    await waitFor(() => far.peerConnection !== farPc, 'the far end took the call over on a new connection');
    await mediaFlows(tab.el.peerConnection!, 'video', `${USER} after the reload`);
    await mediaFlows(far.peerConnection!, 'video', `${FAR} after the reload`);
    expect(tab.el.registrationState).to.equal('registered');
    await waitFor(() => other.el.registrationState === 'elsewhere', 'the other tab gave the account back');
    console.log(`[${TARGET}] the other tab registered ${registered.length} time(s) while the page reloaded`);
    tab.el.hangup();
    await Promise.all([idle(tab.el), idle(far)]);
  });

  it('a far end that no longer has the call refuses: the next page says the call could not be reconnected', async () => {
    const [tab, far] = await inCall();
    // The page goes away (its frame, as a navigation would), and meanwhile the far end hangs up.
    tab.frame.remove();
    far.hangup();
    await idle(far);
    let rang = 0;
    far.addEventListener('fs-incoming-call', () => rang++);
    const next = await open('', true);
    frames.push(next.frame);
    const ended = nextEvent<{ reason: string }>(next.el, 'fs-call-ended', 20000);
    expect((await ended).detail.reason).to.equal('rejoin-failed');
    await next.el.updateComplete;
    expect(part(next.el, 'call-status').textContent!.trim()).to.equal('The call could not be reconnected');
    expect(next.states).to.include('reconnecting');
    expect(rang, 'nothing rang at the far end').to.equal(0);
  });

  it('nothing comes back within the far end\'s rejoin-within: it ends the call, saying the connection was lost', async () => {
    const [tab, far] = await inCall();
    far.rejoinWithin = 3;
    await far.updateComplete;
    const ended = nextEvent<{ reason: string; originator: string }>(far, 'fs-call-ended', 20000);
    tab.frame.remove(); // the tab is closed: no page comes back
    expect((await ended).detail).to.include({ reason: 'media-error', originator: 'local' });
    await far.updateComplete;
    expect(part(far, 'error').textContent).to.match(/connection was lost/i);
  });

  it('rejoin-within="0": a reloaded page leaves the call behind', async () => {
    const [before, far] = await inCall('rejoin-within=0');
    far.rejoinWithin = 2;
    const ended = nextEvent<{ reason: string }>(far, 'fs-call-ended', 20000);
    const tab = await reload(before);
    await waitFor(() => tab.el.registrationState === 'registered', 'the reloaded frame registered');
    expect((await ended).detail.reason).to.equal('media-error');
    expect(tab.states, 'no call taken back').to.not.include('reconnecting');
    expect(tab.el.callState).to.equal('idle');
  });
});
