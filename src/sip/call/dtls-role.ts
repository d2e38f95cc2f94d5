/**
 * The `a=setup` line of the offers a call sends (RFC 4145, RFC 8842), which decides which end
 * opens the DTLS handshake. A browser offers `actpass` each time and lets the answer choose; its
 * own description keeps that, so it takes whichever role the answer gives. Only what is sent
 * changes:
 *
 * - A new session for a call that is up (a reloaded page's, or the call carried on after a relay
 *   restart) says `active`: an offering Firefox throws away a ClientHello that arrives before the
 *   answer, and a media relay that opens the handshake (rtpengine's default) only sends it again
 *   1-2 s later; as the opener the browser starts it once ICE is up, the answer in hand.
 * - An offer within a call says the role the call already has. A far end free to choose may pick
 *   the other one, and a browser cannot change the role of a DTLS transport it has: the answer is
 *   refused ("Failed to set SSL role") and the connection stays stuck with its offer. A media relay
 *   that dropped the call's state (rtpengine after two offers crossed, or restarted) answers a
 *   browser's `actpass` as it answers a new call's.
 */
export type DtlsRole = 'active' | 'passive';

const setupOf = (d: RTCSessionDescription | null) => d?.sdp.match(/^a=setup:(active|passive)\b/m)?.[1] as DtlsRole | undefined;

/** The role `pc` took in its last completed offer and answer; null before one. */
export function dtlsRole(pc: RTCPeerConnection | null): DtlsRole | null {
  const local = pc?.currentLocalDescription ?? null;
  if (local?.type === 'answer') return setupOf(local) ?? null;
  const theirs = setupOf(pc?.currentRemoteDescription ?? null);
  return theirs ? (theirs === 'active' ? 'passive' : 'active') : null;
}

/** `sdp`, an offer of ours, as it is sent: `actpass` becomes `role` (unchanged when null). */
export function offeredSetup(sdp: string, role: DtlsRole | null): string {
  return role ? sdp.replace(/^a=setup:actpass(?=\r?$)/gm, `a=setup:${role}`) : sdp;
}
