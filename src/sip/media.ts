import { PhoneError } from './errors.js';

/** getUserMedia failures after which a call can still go ahead without the camera. */
const CAMERA_ONLY_FAILURES = new Set(['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError', 'AbortError']);

export interface LocalMedia {
  stream: MediaStream;
  /** Set when video was wanted but the camera could not be had; the stream is then audio-only. */
  videoError: PhoneError | null;
}

function describe(err: unknown, what: string): PhoneError {
  const name = (err as { name?: string })?.name ?? '';
  const why: Record<string, string> = {
    NotAllowedError: 'permission was denied',
    NotFoundError: 'no device was found',
    NotReadableError: 'the device is in use by another program',
    OverconstrainedError: 'the device cannot do what was asked',
    SecurityError: 'the page is not allowed to use it (it needs https or localhost)',
  };
  return new PhoneError('media-error', `${what}: ${why[name] ?? ((err as Error)?.message || 'unavailable')}`);
}

/**
 * Opens the microphone (`audio`: its constraints, or false for none) and the camera (`video`: its
 * constraints, or false). With both asked, a camera that cannot be had turns the stream audio-only
 * (reported in `videoError`) rather than failing; what is left failing throws a `media-error`.
 */
export async function getLocalMedia(video: MediaTrackConstraints | false, audio: MediaTrackConstraints | boolean, timeoutMs: number): Promise<LocalMedia> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new PhoneError('media-error', 'Camera and microphone are not available on this page (it needs https or localhost)');
  }
  // `what` names a failure; without it a camera-only failure comes back as it is, to fall back.
  const ask = async (constraints: MediaStreamConstraints, what?: string) => {
    try {
      return await withTimeout(devices.getUserMedia(constraints), timeoutMs);
    } catch (err) {
      throw err instanceof PhoneError || (!what && CAMERA_ONLY_FAILURES.has((err as Error)?.name)) ? err : describe(err, what ?? 'Camera and microphone');
    }
  };
  let videoError: PhoneError | null = null;
  if (video) {
    try {
      return { stream: await ask({ audio, video }, audio ? undefined : 'Camera unavailable'), videoError };
    } catch (err) {
      if (err instanceof PhoneError) throw err;
      videoError = describe(err, 'Camera unavailable, continuing with audio only');
    }
  }
  return { stream: await ask({ audio, video: false }, 'Microphone unavailable'), videoError };
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
      reject(new PhoneError('media-error', `No answer to the camera/microphone permission request within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    request.then(
      stream => {
        clearTimeout(timer);
        if (expired) stopStream(stream);
        else resolve(stream);
      },
      err => {
        clearTimeout(timer);
        if (!expired) reject(err);
      },
    );
  });
}

/** Stops every track of a stream (a stopped track turns the camera light off). */
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
