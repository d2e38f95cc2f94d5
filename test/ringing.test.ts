import { expect } from '@open-wc/testing';
import { idle, nextEvent, part, phone, waitFor, watchPageErrors } from './helpers.js';

/** Every oscillator the page starts, its audio context, and whether it has ended. */
const oscillators: { hz: number; ended: boolean; context: BaseAudioContext }[] = [];
const realCreate = AudioContext.prototype.createOscillator;
before(() => {
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    const o = realCreate.call(this);
    const entry = { hz: 0, ended: false, context: this as BaseAudioContext };
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

/** Whether the ringtone (440 + 480 Hz) plays into a running audio context (the browser lets it sound). */
const ringtoneAudible = () => oscillators.some(o => o.hz === 440 && !o.ended && o.context.state === 'running');

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
    await waitFor(ringtoneAudible, 'the ringtone sounds');
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
      await waitFor(() => b.ringing === 'ringtone' && ringtoneAudible(), `ringing before ${end}`);
      if (end === 'decline') b.decline();
      else if (end === 'cancel') a.hangup();
      else b.remove();
      // Removed: the ringer closes its audio context (so no 'ended' events come).
      if (end === 'remove') await waitFor(() => b.ringing === null && !ringtoneAudible(), 'remove: the ringtone stops');
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

  it('plays the ringtone attribute\'s URL instead, in an audio element, until answered', async () => {
    // Half a second of a 440 Hz tone as a WAV file (8 kHz, 16-bit mono).
    const rate = 8000;
    const samples = rate / 2;
    const wav = new DataView(new ArrayBuffer(44 + samples * 2));
    const text = (at: number, s: string) => [...s].forEach((ch, i) => wav.setUint8(at + i, ch.charCodeAt(0)));
    text(0, 'RIFF');
    wav.setUint32(4, 36 + samples * 2, true);
    text(8, 'WAVEfmt ');
    [16, 1, 1, rate, rate * 2, 2, 16].forEach((v, i) => (i === 0 || i === 3 || i === 4 ? wav.setUint32 : wav.setUint16).call(wav, [16, 20, 22, 24, 28, 32, 34][i], v, true));
    text(36, 'data');
    wav.setUint32(40, samples * 2, true);
    for (let i = 0; i < samples; i++) wav.setInt16(44 + i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), true);
    const url = URL.createObjectURL(new Blob([wav.buffer], { type: 'audio/wav' }));
    oscillators.length = 0; // a removed phone's closed context never reports its tones ended

    const played: HTMLMediaElement[] = [];
    const realPlay = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (this.src === url) played.push(this);
      return realPlay.call(this);
    };
    try {
      const [a, b] = await Promise.all([phone('1013'), phone('1014')]);
      b.ringtone = url;
      await b.updateComplete;
      const ringing = nextEvent(b, 'fs-incoming-call');
      await a.call('1014');
      await ringing;
      await waitFor(() => played.length === 1 && !played[0].paused && played[0].currentTime > 0.1, 'the ringtone file plays');
      expect(played[0].loop).to.equal(true);
      expect(sounding(), 'no Web Audio tone at the callee').to.deep.equal([425]);
      await b.answer();
      await waitFor(() => played[0].paused, 'it stops on answer');
      // Hung up once connected (a CANCEL crossing the 200 OK is not what this test is about).
      await waitFor(() => a.callState === 'connected', 'the caller connected');
      a.hangup();
      await Promise.all([idle(a), idle(b)]);
    } finally {
      HTMLMediaElement.prototype.play = realPlay;
      URL.revokeObjectURL(url);
    }
  });
});
