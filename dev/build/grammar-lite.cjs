// A small stand-in for JsSIP's SIP grammar (lib/Grammar.js, a generated parser of the whole of
// RFC 3261's ABNF), bundled in its place (dev/build/plugins.mjs). It parses the rules JsSIP asks
// for, into the same shapes: the first line, Via, From/To, Contact, Record-Route, Call-ID, CSeq,
// Content-Length/-Type, Max-Forwards, the digest challenges, Session-Expires, Refer-To, Replaces,
// Event, Subscription-State, a sipfrag status line, SIP URIs, name-addr headers, ws(s) URLs,
// hosts, quoted strings and UUIDs. What does not parse gives -1, as JsSIP expects.
// test/grammar-lite.test.mjs checks it against the real grammar.
'use strict';

// JsSIP's URI and NameAddrHeader require this module: take them when first needed.
let URI;
let NameAddrHeader;

const TOKEN = "[A-Za-z0-9\\-.!%*_+`'~]+";
// A quoted string: no control characters but tab, a backslash quoting any but CR and LF.
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\u0080-\\uffff]|\\\\[\\x00-\\x09\\x0b\\x0c\\x0e-\\x7f])*"';
const IPV4 = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
const IPV6 = '\\[[0-9A-Fa-f:.]+\\]';
const DOMAIN = '(?:[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?';
const HOST = `(?:${IPV6}|${IPV4}(?![\\w.-])|${DOMAIN})`;
const whole = re => new RegExp(`^(?:${re})$`);
const IS_TOKEN = whole(TOKEN);
const IS_HOST = whole(HOST);
const IS_IPV4 = whole(IPV4);
const PARAM_RE = new RegExp(`^\\s*([^\\s=;]+)\\s*(?:=\\s*(${QUOTED}|${TOKEN}|${IPV6})\\s*)?$`);
const NAME_ADDR_RE = new RegExp(`^(${QUOTED}|[^"<]*?)\\s*<([^>]*)>(.*)$`, 's');
const CHALLENGE_PARAM_RE = new RegExp(`^\\s*([A-Za-z0-9\\-.!%*_+\`'~]+)\\s*=\\s*(${QUOTED}|[^\\s,"]+)\\s*$`);
const IS_QUOTED = whole(QUOTED);

/** 'IPv4', 'IPv6' or 'domain' for a host that parsed. */
const hostType = host => (host[0] === '[' ? 'IPv6' : IS_IPV4.test(host) ? 'IPv4' : 'domain');

/** Splits `s` at `sep` outside quoted strings and angle brackets; each piece with its start. */
function split(s, sep) {
  const out = [];
  let start = 0;
  let quoted = false;
  let angle = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (c === sep && !angle) {
      out.push([s.slice(start, i), start]);
      start = i + 1;
    }
  }
  if (quoted || angle) return null;
  out.push([s.slice(start), start]);
  return out;
}

/** `;name[=value]` pieces into [name (lower case), value or undefined] pairs; null when one is not valid. */
function params(pieces) {
  const out = [];
  for (const [raw] of pieces) {
    const m = PARAM_RE.exec(raw);
    if (!m || !IS_TOKEN.test(m[1])) return null;
    out.push([m[1].toLowerCase(), m[2]]);
  }
  return out;
}

const decode = s => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

const USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+(?::(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*)?$/;
const PARAM = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/;
const HEADER_PART = /^(?:[A-Za-z0-9\-_.!~*'()[\]/?:+$]|%[0-9A-Fa-f]{2})*$/;

/** A SIP or SIPS URI as JsSIP's URI; null when it is not one. */
function sipUri(s) {
  const m = /^(sips?):(?:([^@]*)@)?([^;?:]+|\[[^\]]*\])(?::(\d*))?(;[^?]*)?(?:\?(.*))?$/i.exec(s);
  if (!m || (m[2] !== undefined && !USER.test(m[2])) || !IS_HOST.test(m[3])) return null;
  const uriParams = {};
  let host = m[3].toLowerCase();
  for (const raw of m[5] ? m[5].slice(1).split(';') : []) {
    const [name, value, extra] = raw.split('=');
    if (extra !== undefined || !PARAM.test(name) || (value !== undefined && !PARAM.test(value))) return null;
    const key = name.toLowerCase();
    if (key === 'ttl') continue; // JsSIP's grammar drops it
    if (key === 'maddr') host = value;
    uriParams[key] = key === 'lr' ? undefined : key === 'transport' || key === 'user' ? value?.toLowerCase() : value;
  }
  const headers = {};
  if (m[6] !== undefined) {
    for (const raw of m[6].split('&')) {
      const [name, value = '', extra] = raw.split('=');
      if (extra !== undefined || !name || !HEADER_PART.test(name) || !HEADER_PART.test(value)) return null;
      (headers[name.toLowerCase()] ??= []).push(value);
    }
  }
  const user = m[2] === undefined ? undefined : decode(m[2]);
  if (user === null) return null;
  URI ??= require('jssip/lib/URI.js');
  return new URI(m[1].toLowerCase(), user, host, m[4] === undefined ? undefined : m[4] ? Number(m[4]) : null, uriParams, headers);
}

/**
 * A name-addr or addr-spec with its header parameters: [uri, display name, params] or null.
 * `angle`: only the `<…>` form; `tagLast`: the tag parameter after the others (From, To).
 */
function nameAddr(s, { angle = false } = {}) {
  s = s.trim();
  let display;
  let uri;
  let rest;
  const lt = NAME_ADDR_RE.exec(s);
  if (lt) {
    const name = lt[1].trim();
    if (name[0] === '"') display = name.slice(1, -1).replace(/\\([\s\S])/g, '$1');
    else if (name) {
      if (!name.split(/\s+/).every(w => IS_TOKEN.test(w))) return null;
      display = name;
    }
    uri = sipUri(lt[2]);
    rest = lt[3];
  } else {
    if (angle) return null;
    const semi = s.indexOf(';');
    uri = sipUri(semi < 0 ? s : s.slice(0, semi));
    rest = semi < 0 ? '' : s.slice(semi);
  }
  if (!uri) return null;
  rest = rest.trim();
  if (rest && rest[0] !== ';') return null;
  const pieces = rest ? split(rest.slice(1), ';') : [];
  const list = pieces && params(pieces);
  if (!list) return null;
  return [uri, display, list];
}

/** A NameAddrHeader of `[uri, display, params]`, with the tag parameter last when `tagLast`. */
function header([uri, display, list], tagLast) {
  NameAddrHeader ??= require('jssip/lib/NameAddrHeader.js');
  const p = {};
  let tag;
  for (const [k, v] of list) {
    if (tagLast && k === 'tag') tag = [v ?? null];
    else p[k] = v ?? null;
  }
  const h = new NameAddrHeader(uri, display, p);
  if (tag) h.setParam('tag', tag[0]);
  return h;
}

/** A comma-separated list of name-addrs (Contact, Record-Route), in JsSIP's shape. */
function multi(s, angle) {
  const pieces = split(s, ',');
  if (!pieces) return -1;
  const out = [];
  for (const [i, [raw, at]] of pieces.entries()) {
    const lead = raw.length - raw.trimStart().length;
    const parsed = nameAddr(raw, { angle });
    if (!parsed) return -1;
    // As JsSIP's grammar counts: from the start of the value for the first, to its end for the last.
    const end = i === pieces.length - 1 ? s.length : at + lead + raw.trim().length;
    out.push({ possition: end, offset: i ? at + lead : at, parsed: header(parsed, false) });
  }
  return out;
}

/** `name=value` pairs of `;` parameters after a first value: [first, params] or null. */
function withParams(s) {
  const pieces = split(s.trim(), ';');
  if (!pieces) return null;
  const list = params(pieces.slice(1));
  return list && [pieces[0][0].trim(), list];
}

const digits = s => (/^\d+$/.test(s) ? parseInt(s, 10) : null);
const unquote = v => (v?.[0] === '"' ? v.slice(1, -1).replace(/\\([\s\S])/g, '$1') : v);

const RULES = {
  Request_Response(s) {
    let m = /^SIP\/(\d+\.\d+) (\d{3}) (.*)$/.exec(s);
    if (m) return { sip_version: `SIP/${m[1]}`, status_code: +m[2], reason_phrase: m[3] };
    m = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) (SIP\/\d+\.\d+)$/.exec(s);
    const uri = m && sipUri(m[2]);
    return uri ? { method: m[1], uri, sip_version: m[3] } : -1;
  },
  Status_Line(s) {
    const m = /^SIP\/(\d+\.\d+) (\d{3}) (.*)$/.exec(s);
    return m ? { sip_version: `SIP/${m[1]}`, status_code: +m[2], reason_phrase: m[3] } : -1;
  },
  Via(s) {
    const m = /^\s*(SIP)\s*\/\s*\d+\.\d+\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+)\s+([^;:\s]+|\[[^\]]*\])(?::(\d+))?\s*(;.*)?$/.exec(s);
    if (!m || !IS_HOST.test(m[3])) return -1;
    const data = { protocol: 'SIP', transport: m[2], host_type: hostType(m[3]), host: m[3] };
    if (m[4]) data.port = +m[4];
    const list = m[5] ? params(split(m[5].slice(1), ';') ?? [['=']]) : [];
    if (!list) return -1;
    for (const [k, v] of list) {
      if (k === 'branch' || k === 'received') data[k] = v;
      else if (k === 'rport') {
        if (v !== undefined) data.rport = +v;
      } else if (k === 'ttl') data.ttl = +v;
      else if (k === 'maddr') data.host = data.maddr = v;
      else (data.params ??= {})[k] = v;
    }
    return data;
  },
  From: s => (nameAddr(s) ? header(nameAddr(s), true) : -1),
  To: s => (nameAddr(s) ? header(nameAddr(s), true) : -1),
  Refer_To: s => (nameAddr(s) ? header(nameAddr(s), false) : -1),
  Name_Addr_Header: s => (nameAddr(s, { angle: true }) ? header(nameAddr(s, { angle: true }), false) : -1),
  Contact: s => multi(s, false),
  Record_Route: s => multi(s, true),
  Call_ID: s => (/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(?:@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/.test(s) ? s : -1),
  CSeq(s) {
    const m = /^(\d+)\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(s.trim());
    return m ? { value: +m[1], method: m[2] } : -1;
  },
  Content_Length: s => digits(s.trim()) ?? -1,
  Max_Forwards: s => digits(s.trim()) ?? -1,
  Content_Type: s => (/^[\w!#$%&'*+.^`|~-]+\s*\/\s*[\w!#$%&'*+.^`|~-]+(?:\s*;\s*[\w!#$%&'*+.^`|~-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[\w!#$%&'*+.^`|~-]+))*$/.test(s) ? s : -1),
  WWW_Authenticate: challenge,
  Proxy_Authenticate: challenge,
  Session_Expires(s) {
    const p = withParams(s);
    const expires = p && digits(p[0]);
    if (expires === null || expires === undefined) return -1;
    const data = { expires };
    for (const [k, v] of p[1]) {
      if (k === 'refresher') data.refresher = v?.toLowerCase();
      else (data.params ??= {})[k] = v;
    }
    return data;
  },
  Replaces(s) {
    const p = withParams(s);
    if (!p || RULES.Call_ID(p[0]) === -1) return -1;
    const data = { call_id: p[0] };
    for (const [k, v] of p[1]) {
      if (k === 'to-tag') data.to_tag = v;
      else if (k === 'from-tag') data.from_tag = v;
      else if (k === 'early-only') data.early_only = true;
      else (data.params ??= {})[k] = v;
    }
    return data;
  },
  Event(s) {
    const p = withParams(s);
    if (!p || !/^[A-Za-z0-9\-!%*_+`'~]+(?:\.[A-Za-z0-9\-!%*_+`'~]+)*$/.test(p[0])) return -1;
    const params = {};
    for (const [k, v] of p[1]) params[k] = v;
    const event = p[0].toLowerCase();
    return p[1].length ? { params, event } : { event };
  },
  Subscription_State(s) {
    const p = withParams(s);
    if (!p || !IS_TOKEN.test(p[0])) return -1;
    const data = { state: p[0] };
    for (const [k, v] of p[1]) {
      if (k === 'reason') data.reason = v;
      else if (k === 'expires') data.expires = +v;
      else (data.params ??= {})[k] = v;
    }
    return data;
  },
  SIP_URI: s => sipUri(s) ?? -1,
  absoluteURI(s) {
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#:]+|\[[^\]]*\])(?::(\d+))?(?:[/?#].*)?$/.exec(s);
    if (!m) return /^[A-Za-z][A-Za-z0-9+.-]*:(?!\/\/)\S+$/.test(s) ? { scheme: s.split(':')[0] } : -1;
    if (!IS_HOST.test(m[2])) return -1;
    const data = { scheme: m[1], host_type: hostType(m[2]), host: m[2].toLowerCase() };
    if (m[3]) data.port = +m[3];
    return data;
  },
  host: s => (IS_HOST.test(s) ? { host_type: hostType(s), host: s } : -1),
  quoted_string: s => (IS_QUOTED.test(s) ? {} : -1),
  uuid: s => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) ? s : -1),
};

/** A digest challenge (WWW-Authenticate, Proxy-Authenticate). */
function challenge(s) {
  const m = /^\s*Digest\s+(.*)$/is.exec(s);
  if (!m) return /^\s*[A-Za-z0-9\-.!%*_+`'~]+\s+\S/.test(s) ? {} : -1; // another scheme: nothing JsSIP can answer
  const pieces = split(m[1], ',');
  if (!pieces) return -1;
  const data = {};
  for (const [raw] of pieces) {
    const p = CHALLENGE_PARAM_RE.exec(raw);
    if (!p) return -1;
    const key = p[1].toLowerCase();
    const value = unquote(p[2]);
    if (key === 'realm' || key === 'nonce' || key === 'opaque') data[key] = value;
    else if (key === 'algorithm') data.algorithm = value.toUpperCase();
    else if (key === 'qop') data.qop = value.split(',').map(q => q.trim().toLowerCase()).filter(Boolean);
    else if (key === 'stale') data.stale = value.toLowerCase() === 'true';
  }
  return data;
}

module.exports = {
  parse(input, startRule) {
    const rule = RULES[startRule];
    if (!rule) throw new Error(`Invalid rule name: "${startRule}".`);
    try {
      return rule(String(input));
    } catch {
      return -1;
    }
  },
};
