import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, fill } from './en.js';
import type { StringKey, Strings } from './en.js';
import { zhCN } from './zh-cn.js';

export type { StringKey, Strings };
/** Looks a key up in the element's language; `{0}`, `{1}` take the arguments. */
export type Translate = (key: StringKey, ...args: (string | number)[]) => string;

const languages = new Map<string, Strings>([
  ['en', en],
  ['zh-cn', zhCN],
]);

/** Adds or replaces a language's table (e.g. `addLanguage('de', {...})`); keys it lacks fall back to English. */
export function addLanguage(lang: string, table: Strings): void {
  languages.set(lang.toLowerCase(), table);
  for (const el of watched) el.requestUpdate();
}

/** The table for a language tag: exact (`zh-CN`), else the first of the same language (`zh-TW` → `zh-CN`), else English. */
export function tableFor(lang: string): Strings {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0];
  return languages.get(tag) ?? [...languages].find(([k]) => k.split('-')[0] === primary)?.[1] ?? en;
}

/** The element's language: its `lang`, else the nearest ancestor's (across shadow roots), else English. */
export function langOf(el: Element): string {
  for (let e: Element | undefined = el; e; e = (e.getRootNode() as ShadowRoot).host) {
    const lang = e.closest('[lang]:not([lang=""])')?.getAttribute('lang');
    if (lang) return lang;
  }
  return 'en';
}

/** A translate function for `lang`, with the page's `strings` taking precedence over any language. */
export function translator(lang: string, strings?: Strings | null): Translate {
  const table = tableFor(lang);
  return (key, ...args) => fill(strings?.[key] ?? table[key] ?? en[key] ?? key, args);
}

/** A problem or notice as the phone reports it: its key in the table, the words to fill in, and (for a problem) its message. */
export interface Sayable {
  key: string;
  args?: (string | number)[];
  message?: string;
}

/** A notice (`n-…`) or problem (`e-…`) in the element's language; a problem with no words of its own keeps its message. */
export function say(t: Translate, p: Sayable): string {
  const k = [`n-${p.key}`, `e-${p.key}`].find(k => k in en) as StringKey | undefined;
  return k ? t(k, ...(p.args ?? [])) : (p.message ?? p.key);
}

type Host = ReactiveControllerHost & HTMLElement & { strings?: Strings | null };
const watched = new Set<Host>();
let observer: MutationObserver | undefined;

/**
 * The string table of an element, looked up again before each render. A change of `lang` on the
 * element or on any element of the page re-renders every phone and dialpad.
 */
export class Words implements ReactiveController {
  t: Translate = translator('en');
  /** The language tag in use. */
  lang = 'en';
  private readonly host: Host;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    watched.add(this.host);
    if (!observer) {
      observer = new MutationObserver(() => watched.forEach(el => el.requestUpdate()));
      observer.observe(document, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    watched.delete(this.host);
  }

  hostUpdate(): void {
    this.lang = langOf(this.host);
    this.t = translator(this.lang, this.host.strings);
  }
}
