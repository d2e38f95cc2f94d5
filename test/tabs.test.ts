import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import { TARGET, idle, loadFrame, nextEvent, part, phone, server, sleep, unmountAll, waitFor } from './helpers.js';

const USER = '1016';

/** A "tab": a frame of its own with a phone for USER (frames of one origin share Web Locks and BroadcastChannels as tabs do). */
async function tab(multiTab?: string): Promise<{ frame: HTMLIFrameElement; el: FsVideoPhone }> {
  const frame = await loadFrame(new URL(`./fixtures/tab.html?user=${USER}${multiTab ? `&multi-tab=${multiTab}` : ''}`, import.meta.url));
  const el = frame.contentDocument!.querySelector('fs-video-phone') as FsVideoPhone;
  return { frame, el };
}

const states = (tabs: { el: FsVideoPhone }[]) => tabs.map(t => t.el.registrationState);
const settled = (tabs: { el: FsVideoPhone }[]) => states(tabs).every(s => s === 'registered' || s === 'elsewhere') && states(tabs).filter(s => s === 'registered').length === 1;
/** The WebSocket connections the development server has for USER (elsewhere: none). */
const sockets = async () => (TARGET === 'dev' ? server<number>('sockets', { users: [USER] }) : null);

describe(`several tabs, one phone (${TARGET})`, function () {
  this.timeout(60000);
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => {
    for (const f of frames.splice(0)) f.remove();
    unmountAll();
  });
  const open = async (multiTab?: string) => {
    const t = await tab(multiTab);
    frames.push(t.frame);
    return t;
  };

  it('three tabs: one registers and rings, the others say so; closing it hands the account on; Use here moves it, never away from a call', async () => {
    const tabs = [await open(), await open(), await open()];
    await waitFor(() => settled(tabs), 'one tab registered, two elsewhere');
    const first = tabs.find(t => t.el.registrationState === 'registered')!;
    const others = tabs.filter(t => t !== first);
    for (const t of others) {
      await t.el.updateComplete;
      expect(part(t.el, 'registration').textContent).to.contain('Active in another tab');
      expect(part(t.el, 'use-here-button').textContent!.trim()).to.equal('Use here');
    }
    await sleep(500); // a stray second registration would show by now
    if (TARGET === 'dev') expect(await sockets(), 'connections for the account').to.equal(1);

    // Exactly one tab rings.
    const caller = await phone('1017');
    const rang: FsVideoPhone[] = [];
    for (const t of tabs) t.el.addEventListener('fs-incoming-call', () => rang.push(t.el));
    expect(await caller.call(USER)).to.equal(true);
    await waitFor(() => rang.length > 0, 'a tab rings');
    await sleep(1000);
    expect(rang).to.deep.equal([first.el]);

    // In a call, the tab is not taken over.
    await first.el.answer();
    await waitFor(() => first.el.callState === 'connected' && caller.callState === 'connected', 'connected');
    const refused = nextEvent<{ code: string }>(others[0].el, 'fs-error', 5000);
    await waitFor(() => { part(others[0].el, 'use-here-button').click(); return true; }, 'Use here pressed');
    expect((await refused).detail.code).to.equal('busy');
    await sleep(500);
    expect(first.el.registrationState).to.equal('registered');
    expect(first.el.callState).to.equal('connected');
    caller.hangup();
    await Promise.all([idle(caller), idle(first.el)]);

    // Use here, once that call is over.
    part(others[0].el, 'use-here-button').click();
    await waitFor(() => others[0].el.registrationState === 'registered', 'Use here took the account');
    await waitFor(() => settled(tabs), 'one tab registered again');
    expect(first.el.registrationState).to.equal('elsewhere');

    // Closing the tab that has the account: another takes it.
    const closed = performance.now();
    others[0].frame.remove();
    const rest = tabs.filter(t => t !== others[0]);
    await waitFor(() => settled(rest), 'another tab registered', 10000);
    console.log(`[${TARGET}] tab closed → another tab registered in ${Math.round(performance.now() - closed)} ms`);
    // The closed tab's connection goes with its page (its un-REGISTER first, when the page had time).
    if (TARGET === 'dev') await waitFor(async () => (await sockets()) === 1, 'one connection for the account', 5000);
    const ringing = nextEvent(rest.find(t => t.el.registrationState === 'registered')!.el, 'fs-incoming-call');
    expect(await caller.call(USER)).to.equal(true);
    await ringing;
    caller.hangup();
    await idle(caller);
  });

  it('multi-tab="independent": each tab registers on its own', async () => {
    const tabs = [await open('independent'), await open('independent')];
    await waitFor(() => states(tabs).every(s => s === 'registered'), 'both registered');
    if (TARGET === 'dev') expect(await sockets()).to.equal(2);
  });
});
