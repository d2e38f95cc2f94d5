import { whenConnected } from '../jssip.js';
import type { RTCSession } from 'jssip/lib/RTCSession';
import { PhoneError, toPhoneError } from '../errors.js';
import type { DtmfMode } from '../types.js';

/**
 * Sends DTMF tones (0-9, A-D, *, #; "," pauses) on a connected session: as RTP events where the far
 * end agreed on telephone-event and `mode` is rfc2833, else as SIP INFO (which waits for the
 * server). `sent` hears each tone that went; `fail` what went wrong.
 */
export function sendTones(session: RTCSession, pc: RTCPeerConnection | null, tones: string, mode: DtmfMode, fail: (err: PhoneError) => false, sent: (tone: string) => void): boolean {
  const value = String(tones ?? '');
  if (!/^[0-9A-D#*,]+$/i.test(value)) return fail(new PhoneError('dtmf-failed', 'not-dtmf', [value]));
  const audioSender = pc?.getSenders().find(s => s.track?.kind === 'audio');
  const rtp = mode === 'rfc2833' && !!audioSender?.dtmf?.canInsertDTMF;
  try {
    const send = () => session.sendDTMF(value, { transportType: rtp ? 'RFC2833' : 'INFO' } as never);
    if (rtp) send();
    else whenConnected(session, send, () => fail(new PhoneError('dtmf-failed')));
  } catch (err) {
    return fail(toPhoneError(err, 'dtmf-failed'));
  }
  for (const tone of value.replace(/,/g, '')) sent(tone.toUpperCase());
  return true;
}
