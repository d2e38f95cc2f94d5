import { expect } from '@open-wc/testing';
import type { FsVideoPhone } from '../src/index.js';
import type { Ringer } from '../src/elements/video-phone/ringer.js';
import { idle, nextEvent, part, phone, waitFor, watchPageErrors } from './helpers.js';

const ringer = (el: FsVideoPhone) => (el as unknown as { controller: { ringer: Ringer } }).controller.ringer;

/** Every oscillator the page starts, and whether it has ended. */
const oscillators: { hz: number; ended: boolean }[] = [];
const realCreate = AudioContext.prototype.createOscillator;
before(() => {
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    const o = realCreate.call(this);
    const entry = { hz: 0, ended: false };
    const start = o.start.bind(o);
    o.start = (...args: number[]) => {
      entry.hz = o.frequency.value;
      oscillators.push(entry);
      start(...args);
    };
    o.addEventListener('ended', () => (entry.ended = true));
    return o;
  };
});
after(() => {
  AudioContext.prototype.createOscillator = realCreate;
});

/** Tones (Hz) sounding now. */
const sounding = () => oscillators.filter(o => !o.ended).map(o => o.hz).sort();

describe('ringing', function () {
  this.timeout(30000);
  watchPageErrors();

  it('rings here and rings back there, with Web Audio tones; both stop on answer', async () => {
    const [a, b] = await Promise.all([phone('1010'), phone('1011')]);
    const ringing = nextEvent(b, 'fs-incoming-call');
    await a.call('1011');
    await ringing;
    await waitFor(() => b.ringing === 'ringtone' && a.ringing === 'ringback', 'ringtone and ringback');
    await waitFor(() => ringer(b).context?.state === 'running', 'the ringtone sounds');
    expect(sounding()).to.deep.equal([425, 440, 480]);
    await b.updateComplete;
    part(b, 'answer-button').click();
    await waitFor(() => a.callState === 'connected', 'connected');
    await waitFor(() => sounding().length === 0, 'silence');
    expect([a.ringing, b.ringing]).to.deep.equal([null, null]);
    a.hangup();
    await Promise.all([idle(a), idle(b)]);
  });

  it('stops on decline, on cancel and when the element is removed; no-ringtone stays silent', async () => {
    const [a, b] = await Promise.all([phone('1010'), phone('1011')]);
    for (const end of ['decline', 'cancel', 'remove'] as const) {
      const ringing = nextEvent(b, 'fs-incoming-call');
      await a.call('1011');
      await ringing;
      await waitFor(() => b.ringing === 'ringtone' && ringer(b).context?.state === 'running', `ringing before ${end}`);
      if (end === 'decline') b.decline();
      else if (end === 'cancel') a.hangup();
      else b.remove();
      // Removed: the ringer lets go of its audio context (closed, so no 'ended' events come).
      if (end === 'remove') await waitFor(() => ringer(b).context === null && ringer(b).playing === null, 'remove: the ringtone stops');
      else await waitFor(() => sounding().length === 0, `${end}: the ringtone stops`);
      a.hangup();
      await idle(a);
    }
    const c = await phone('1012');
    c.noRingtone = true;
    a.noRingtone = true;
    await Promise.all([a.updateComplete, c.updateComplete]);
    const ringing = nextEvent(c, 'fs-incoming-call');
    await a.call('1012');
    await ringing;
    await new Promise(r => setTimeout(r, 500));
    expect(c.ringing).to.equal(null);
    expect(a.ringing).to.equal(null);
    a.hangup();
    await idle(a);
  });
});
