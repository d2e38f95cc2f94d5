/**
 * The name of whoever answered a call of ours, from the 200 OK: P-Asserted-Identity or
 * Remote-Party-ID (FreeSWITCH sends the callee's caller ID in them), else X-FS-Display-Name.
 */
export function answeredBy(response: { getHeader?(name: string): string | undefined } | undefined): string | undefined {
  for (const name of ['P-Asserted-Identity', 'Remote-Party-ID']) {
    const shown = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*</.exec(response?.getHeader?.(name) ?? '');
    const text = (shown?.[1] ?? shown?.[2] ?? '').replace(/\\(.)/g, '$1').trim();
    if (text) return text;
  }
  return response?.getHeader?.('X-FS-Display-Name')?.trim() || undefined;
}

/** The user part of a SIP URI (a name to show when the far end sends none). */
export function userOf(uri: string): string {
  return /^sips?:([^@;]+)@/i.exec(uri)?.[1] ?? uri;
}
