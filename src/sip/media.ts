import { PhoneError } from './errors.js';
import { english } from '../i18n/en.js';

/** getUserMedia failures after which a call can still go ahead without the camera. */
const CAMERA_ONLY_FAILURES = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'AbortError']);

export interface LocalMedia {
  stream: MediaStream;
  /** Set when video was wanted but the camera could not be had; the stream is then audio-only. */
  videoError: PhoneError | null;
}

/** getUserMedia's failures, by name, as keys of the string table. */
const WHY: Record<string, string> = {
  NotAllowedError: 'media-denied',
  NotFoundError: 'media-missing',
  NotReadableError: 'media-busy',
  SecurityError: 'media-insecure',
};

/** A getUserMedia failure; `audioOnly` when the call goes on without the camera. */
function describe(err: unknown, audioOnly = false): PhoneError {
  const key = WHY[(err as { name?: string })?.name ?? ''] ?? 'media-error';
  return new PhoneError('media-error', audioOnly ? 'audio-only' : key, [], audioOnly ? `${english('e-audio-only')} (${english(`e-${key}`)})` : undefined);
}

/**
 * Opens the microphone (`audio`: its constraints, or false for none) and the camera (`video`: its
 * constraints, or false). With both asked, a camera that cannot be had turns the stream audio-only
 * (reported in `videoError`) rather than failing; what is left failing throws a `media-error`.
 */
export async function getLocalMedia(video: MediaTrackConstraints | false, audio: MediaTrackConstraints | boolean, timeoutMs: number): Promise<LocalMedia> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new PhoneError('media-error', 'media-insecure');
  }
  // With `fallback`, a camera-only failure comes back as it is, to go on without the camera.
  const ask = async (constraints: MediaStreamConstraints, fallback = false) => {
    try {
      return await withTimeout(devices.getUserMedia(constraints), timeoutMs);
    } catch (err) {
      throw err instanceof PhoneError || (fallback && CAMERA_ONLY_FAILURES.has((err as Error)?.name)) ? err : describe(err);
    }
  };
  let videoError: PhoneError | null = null;
  if (video) {
    try {
      return { stream: await ask({ audio, video }, !!audio), videoError };
    } catch (err) {
      if (err instanceof PhoneError) throw err;
      videoError = describe(err, true);
    }
  }
  return { stream: await ask({ audio, video: false }), videoError };
}

/**
 * Gives up on a permission prompt nobody answers. A stream granted after that is stopped at
 * once, so the camera light does not stay on for a call that no longer waits for it.
 */
function withTimeout(request: Promise<MediaStream>, timeoutMs: number): Promise<MediaStream> {
  return new Promise((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(new PhoneError('media-error', 'media-timeout', [Math.round(timeoutMs / 1000)]));
    }, timeoutMs);
    request.then(
      stream => {
        clearTimeout(timer);
        if (expired) stopStream(stream);
        else resolve(stream);
      },
      err => {
        clearTimeout(timer);
        if (!expired) reject(err as Error);
      },
    );
  });
}

/** Stops every track of a stream (a stopped track turns the camera light off). */
/** Whether this browser can make calls at all (WebKitGTK, for one, is built without WebRTC). */
export function webrtcSupported(): boolean {
  return typeof RTCPeerConnection === 'function' && typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Releases everything a peer connection holds: the tracks it sends, whoever created them, and
 * the connection itself. JsSIP stops only streams it opened itself.
 */
export function releasePeerConnection(pc: RTCPeerConnection | null | undefined): void {
  if (!pc) return;
  for (const sender of pc.getSenders()) sender.track?.stop();
  if (pc.signalingState !== 'closed') pc.close();
}

/** Puts `track` in `stream` in place of the track of its kind, which stops. */
export function swapTrack(stream: MediaStream, track: MediaStreamTrack): MediaStreamTrack | undefined {
  const old = stream.getTracks().find(t => t.kind === track.kind);
  if (old) {
    track.enabled = old.enabled;
    stream.removeTrack(old);
    old.stop();
  }
  stream.addTrack(track);
  return old;
}
