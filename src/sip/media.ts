import { PhoneError } from './errors.js';

/** Camera capture we ask for: 720p when the camera has it, less when it has not. */
const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

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
 * Opens the microphone, and the camera when `video` is true. A camera that cannot be had turns
 * the call audio-only (reported in `videoError`) rather than failing it; a microphone that cannot
 * be had fails with a `media-error` PhoneError.
 */
export async function getLocalMedia(video: boolean, timeoutMs: number): Promise<LocalMedia> {
  const devices = globalThis.navigator?.mediaDevices;
  if (!devices?.getUserMedia) {
    throw new PhoneError('media-error', 'Camera and microphone are not available on this page (it needs https or localhost)');
  }
  const ask = (constraints: MediaStreamConstraints) => withTimeout(devices.getUserMedia(constraints), timeoutMs);
  let videoError: PhoneError | null = null;
  if (video) {
    try {
      return { stream: await ask({ audio: true, video: VIDEO_CONSTRAINTS }), videoError };
    } catch (err) {
      if (err instanceof PhoneError) throw err;
      if (!CAMERA_ONLY_FAILURES.has((err as Error)?.name)) throw describe(err, 'Camera and microphone');
      videoError = describe(err, 'Camera unavailable, continuing with audio only');
    }
  }
  try {
    return { stream: await ask({ audio: true, video: false }), videoError };
  } catch (err) {
    if (err instanceof PhoneError) throw err;
    throw describe(err, 'Microphone unavailable');
  }
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
