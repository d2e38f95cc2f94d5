// Stands in for `sdp-transform` in the single-script build (rollup.config.mjs). JsSIP reads one
// thing from an SDP (each m-line's media type and direction, and the session's direction) and
// writes one thing back (those directions, when it marks an offer or answer for hold). This keeps
// the SDP text as it came and changes only the direction lines.
'use strict';

const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)(?=\s*$)/m;

/** `{ direction, media: [{ type, direction }] }` of an SDP, holding on to its text. */
exports.parse = sdp => {
  // The session part, then one part per m-line (each beginning with the \n before it; a \r
  // before that stays at the end of the part before).
  const parts = String(sdp).split(/(?=\nm=)/);
  const direction = text => (DIRECTION.exec(text) || [])[1];
  return {
    parts,
    direction: direction(parts[0]),
    media: parts.slice(1).map(text => ({ type: /m=(\S+)/.exec(text)[1], direction: direction(text) })),
  };
};

/** The SDP text again, with the directions of `parse()`'s result as they are now. */
exports.write = session =>
  session.parts
    .map((text, i) => {
      const direction = i ? session.media[i - 1].direction : session.direction;
      if (!direction) return text;
      if (DIRECTION.test(text)) return text.replace(DIRECTION, `a=${direction}`);
      return text.replace(/\r?\n?$/, line => `\r\na=${direction}${line}`);
    })
    .join('');
