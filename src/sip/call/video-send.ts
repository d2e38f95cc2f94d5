/** The sender of `kind` media on `pc`, when that kind was negotiated to be sent. */
export function senderOf(pc: RTCPeerConnection | null, kind: 'audio' | 'video'): RTCRtpSender | undefined {
  return pc?.getTransceivers().find(t => t.receiver.track.kind === kind && /send/.test(t.direction))?.sender;
}

/** Runs `prepare` before every offer and answer `pc` creates (codec order, first encodings). */
export function beforeDescription(pc: RTCPeerConnection, prepare: () => void): void {
  for (const method of ['createOffer', 'createAnswer'] as const) {
    const original = pc[method].bind(pc) as (...args: unknown[]) => Promise<RTCSessionDescriptionInit>;
    (pc as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      prepare();
      return original(...args);
    };
  }
}

/**
 * Puts `names` (e.g. ["H264"]) first in the video codec order of `pc`'s next offer or answer;
 * the browser's other codecs follow, so a far end without them still gets video.
 */
export function preferCodecs(pc: RTCPeerConnection, names: string[]): void {
  const codecs = names.length ? RTCRtpReceiver.getCapabilities?.('video')?.codecs : null;
  if (!codecs) return;
  const rank = (c: RTCRtpCodec) => {
    const i = names.indexOf(c.mimeType.slice(6).toUpperCase());
    return i < 0 ? names.length : i;
  };
  const ordered = [...codecs].sort((x, y) => rank(x) - rank(y));
  for (const t of pc.getTransceivers()) {
    if (t.receiver.track.kind === 'video' && t.direction !== 'stopped') t.setCodecPreferences?.(ordered);
  }
}

/**
 * Changes every encoding `sender` sends. Keyframe refresh, fast start and the bitrate cap all
 * change encodings, each reading them first: when another change got in between (its read is
 * stale and the browser refuses it), this one reads again and retries, so none is lost (a lost
 * "resume" would leave the video paused).
 */
export async function changeEncodings(sender: RTCRtpSender, change: (e: RTCRtpEncodingParameters) => void): Promise<void> {
  for (let tries = 3; tries--; ) {
    try {
      const params = sender.getParameters();
      if (!params.encodings?.length) return;
      params.encodings.forEach(change);
      return await sender.setParameters(params);
    } catch {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }
}

/** Caps the video `pc` sends at `kbps` (0: no cap), without renegotiation. */
export function limitVideo(pc: RTCPeerConnection | null, kbps: number): void {
  const sender = senderOf(pc, 'video');
  const current = sender?.getParameters().encodings?.[0];
  if (!sender || !current || (current.maxBitrate ?? 0) === kbps * 1000) return;
  void changeEncodings(sender, e => {
    if (kbps) e.maxBitrate = kbps * 1000;
    else delete e.maxBitrate;
  });
}
