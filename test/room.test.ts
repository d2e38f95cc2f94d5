import { expect } from '@open-wc/testing';
import type { RosterMember } from '../src/sip/index.js';
import { applyConferenceInfo } from '../src/sip/roster.js';
import { idle, nextEvent, part, phone, server, waitFor, watchPageErrors } from './helpers.js';

const FIXTURES = new URL('./fixtures/freeswitch-1.11-conference-info/', import.meta.url);
const fixture = async (name: string) => (await fetch(new URL(name, FIXTURES))).text();

/** Console warnings of the phone while `fn` runs. */
async function warnings<T>(fn: () => T | Promise<T>): Promise<{ result: T; warned: string[] }> {
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
  try {
    return { result: await fn(), warned: warned.filter(w => w.startsWith('fs-video-phone')) };
  } finally {
    console.warn = warn;
  }
}

const brief = (members: RosterMember[] | null | undefined) =>
  (members ?? []).map(m => `${m.number}:${m.name}${m.audioMuted ? ' muted' : ''}${m.deaf ? ' deaf' : ''}${m.videoMuted ? ' novideo' : ''}${m.talking ? ' talking' : ''}${m.floor ? ' floor' : ''}${m.self ? ' self' : ''}`);

/** A partial conference-info document (RFC 4575) of room 3500 changing one user. */
const partial = (version: number | string, user: string, inner: string, state = 'partial') =>
  `<?xml version="1.0"?><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" version="${version}" state="partial" entity="sip:3500@127.0.0.1"><users><user entity="sip:${user}@127.0.0.1" state="${state}">${inner}</user></users></conference-info>`;

describe('conference rooms: the roster from conference-info, and the room controls', function () {
  this.timeout(90000);
  watchPageErrors();
  beforeEach(() => server('room', { room: '3500', user: '*', change: {} }));

  it("reads FreeSWITCH 1.11's documents: two members joined, then one left and the other muted; an older version changes nothing", async () => {
    const first = applyConferenceInfo(await fixture('01-two-members-joined.xml'), null, 'sip:1000@127.0.0.1');
    expect(first?.version).to.equal(4);
    expect(brief(first?.members)).to.deep.equal(['1001:Bob', '1000:Alice self']);
    const second = applyConferenceInfo(await fixture('02-one-left-other-muted.xml'), first, 'sip:1000@127.0.0.1');
    expect(second?.version).to.equal(6);
    expect(brief(second?.members), 'Alice left; Bob pressed 0 (his audio recvonly)').to.deep.equal(['1001:Bob muted']);
    expect(applyConferenceInfo(await fixture('01-two-members-joined.xml'), second, ''), 'version 4 after 6 is stale').to.equal(null);
    // Partial documents (RFC 4575 allows them; FreeSWITCH sends full ones): a user changed, added, deleted.
    const talking = applyConferenceInfo(partial(7, '1001', '<endpoint entity="sip:1001@127.0.0.1"><talking xmlns="urn:x">true</talking></endpoint>'), second, '');
    expect(brief(talking?.members), 'only what the partial names changes').to.deep.equal(['1001:Bob muted talking']);
    const joined = applyConferenceInfo(partial(8, '1002', '<display-text>Carol</display-text>', 'full'), talking, '');
    expect(brief(joined?.members)).to.deep.equal(['1001:Bob muted talking', '1002:Carol novideo']);
    expect(brief(applyConferenceInfo(partial(9, '1001', '', 'deleted'), joined, '')?.members)).to.deep.equal(['1002:Carol novideo']);
  });

  it('leaves alone what is not a conference-info document, or too long, with a warning; markup in a name is text', async () => {
    const { result, warned } = await warnings(() => [
      applyConferenceInfo('<conference-info version="1"><users><user entity="sip:1@x"', null, ''),
      applyConferenceInfo(`<conference-info version="1"><users>${'<user/>'.repeat(12000)}</users></conference-info>`, null, ''),
      applyConferenceInfo('<dialog-info version="1"/>', null, ''),
    ]);
    expect(result).to.deep.equal([null, null, null]);
    expect(warned).to.have.length(3);
    const named = applyConferenceInfo(partial(1, '1003', '<display-text>&lt;img src=x onerror=alert(1)&gt;</display-text>', 'full'), null, '');
    expect(named?.members[0].name).to.equal('<img src=x onerror=alert(1)>');
  });

  it('a call to a room shows who is in it, live: join, talking, mute, leave, and partial updates out of order; the room buttons send its DTMF', async () => {
    const room = await phone('3500', { autoAnswer: true, audioOnly: true });
    const a = await phone('1008');
    const rosters: RosterMember[][] = [];
    a.addEventListener('fs-roster', e => rosters.push((e as CustomEvent<{ members: RosterMember[] }>).detail.members));
    expect(await a.call('3500')).to.equal(true);
    await waitFor(() => a.callState === 'connected' && !!a.roster, 'connected, and the room told who is in it');
    expect(a.currentCall!.room, 'the answer carried isfocus').to.equal(true);
    expect(brief(a.roster)).to.deep.equal(['1008:User 1008 self']);
    await a.updateComplete;
    expect(part(a, 'people-button').textContent).to.contain('People (1)');

    const change = (user: string, c: Record<string, unknown>) => server('room', { room: '3500', user, change: c });
    await change('1009', { name: '<b>Bob</b>' });
    await waitFor(() => a.roster?.length === 2, 'Bob joined');
    part(a, 'people-button').click();
    await a.updateComplete;
    expect(part(a, 'roster').querySelector('b'), 'a name is text, never markup').to.equal(null);
    expect(part(a, 'roster').textContent).to.contain('<b>Bob</b>');
    await change('1009', { talking: true, floor: true });
    await waitFor(() => !!a.roster?.find(m => m.number === '1009')?.talking, 'Bob talks');
    await a.updateComplete;
    expect(a.shadowRoot!.querySelector('[part~="member"][data-talking="true"]')?.textContent).to.contain('Bob').and.contain('talking').and.contain('on screen');
    await change('1009', { talking: false, floor: false, muted: true, videoMuted: true });
    await waitFor(() => brief(a.roster).includes('1009:<b>Bob</b> muted novideo'), 'Bob muted, camera off');
    await expect(a).to.be.accessible();

    // Partial documents out of order: the newer applies (and, a version having been skipped, the
    // phone asks again: the room's whole state comes back); the older one arriving after it does not.
    const at = rosters.length;
    expect(await server('notify-raw', { user: '3500', event: 'conference', body: partial('{v+2}', '1009', '<display-text>Robert</display-text>') })).to.equal(1);
    await waitFor(() => rosters.slice(at).some(r => r.some(m => m.name === 'Robert')), 'the newer partial applied');
    expect(await server('notify-raw', { user: '3500', event: 'conference', body: partial('{v-1}', '1009', '<display-text>Stale</display-text>') })).to.equal(1);
    await change('1010', { name: 'Carol' });
    await waitFor(() => a.roster?.length === 3, 'Carol joined (a full document)');
    expect(rosters.slice(at).flat().some(m => m.name === 'Stale'), 'the stale one never showed').to.equal(false);
    await change('1010', { leave: true });
    await waitFor(() => a.roster?.length === 2, 'Carol left');
    await change('1009', { leave: true });
    await waitFor(() => a.roster?.length === 1, 'Bob left');

    // The room's own controls: its DTMF keys (FreeSWITCH's defaults), changeable.
    const buttons = [...a.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="room-button"]')];
    expect(buttons.map(b => b.dataset.control)).to.deep.equal(['mute', 'deaf', 'quieter', 'louder']);
    const tone = nextEvent<{ tone: string; direction: string }>(a, 'fs-dtmf');
    buttons[0].click();
    expect((await tone).detail).to.include({ tone: '0', direction: 'outgoing' });
    a.roomKeys = 'mute=*6';
    await a.updateComplete;
    expect([...a.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="room-button"]')].map(b => b.dataset.control)).to.deep.equal(['mute']);
    a.roomKeys = 'mute=0 deaf=* quieter=4 louder=6';
    a.hangup();
    await idle(a);
    expect(a.roster).to.equal(null);
    expect(a.panel, 'the People panel closes with the call').to.equal(null);
    await waitFor(async () => (await server<number>('subscriptions', { event: 'conference' })) === 0, 'the subscription ended with the call');
    await idle(room);
  });

  it('a room that accepts the subscription and never tells (FreeSWITCH over WebSocket): no People, no error, the room buttons still there', async () => {
    if (!document.getElementById('phone-3500')) await phone('3500', { autoAnswer: true, audioOnly: true });
    const a = await phone('1011');
    const errors: unknown[] = [];
    a.addEventListener('fs-error', e => errors.push((e as CustomEvent).detail));
    expect(await server('silent-rooms', { on: true })).to.equal(true);
    try {
      expect(await a.call('3500')).to.equal(true);
      await waitFor(() => a.callState === 'connected', 'connected');
      await waitFor(async () => (await server<number>('subscriptions', { event: 'conference' })) === 1, 'subscribed');
      await a.updateComplete;
      expect(a.roster).to.equal(null);
      expect(a.shadowRoot!.querySelector('[part~="people-button"]')).to.equal(null);
      expect(a.shadowRoot!.querySelectorAll('[part~="room-button"]')).to.have.length(4);
      expect(errors).to.deep.equal([]);
    } finally {
      await server('silent-rooms', { on: false });
      a.hangup();
    }
  });
});
