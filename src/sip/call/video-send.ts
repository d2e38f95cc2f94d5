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

/** Caps the video `pc` sends at `kbps` (0: no cap), without renegotiation. */
export function limitVideo(pc: RTCPeerConnection | null, kbps: number): void {
  const sender = senderOf(pc, 'video');
  const params = sender?.getParameters();
  const encoding = params?.encodings?.[0];
  if (!sender || !encoding || (encoding.maxBitrate ?? 0) === kbps * 1000) return;
  if (kbps) encoding.maxBitrate = kbps * 1000;
  else delete encoding.maxBitrate;
  sender.setParameters(params).catch(() => {});
}
