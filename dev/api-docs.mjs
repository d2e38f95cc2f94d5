// The README's reference tables, written from the custom-elements manifest (dist/custom-elements.json,
// made by `npm run build` from the elements' JSDoc). `node dev/api-docs.mjs` rewrites them between
// their `<!-- api:TAG:SECTION -->` markers; `--check` only compares and exits 1 when the README
// has drifted from the code (npm test runs it).
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('dist/custom-elements.json', root), 'utf8'));

const cell = text => String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const code = text => (text ? `\`${text}\`` : '');
const row = cells => `| ${cells.map(cell).join(' | ')} |`;
const table = (head, rows) => (rows.length ? [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n') : '');
const isPublic = m => !m.privacy || m.privacy === 'public';

/** Every section of one element's reference, by name. */
export function sections(tag) {
  const el = manifest.modules.flatMap(m => m.declarations ?? []).find(d => d.tagName === tag);
  if (!el) throw new Error(`${tag} is not in the manifest`);
  const members = (el.members ?? []).filter(isPublic);
  const fields = members.filter(m => m.kind === 'field' && !m.static && !m.attribute);
  const methods = [
    ...members.filter(m => m.kind === 'method'),
    ...members.filter(m => m.kind === 'field' && m.static).map(m => ({ ...m, name: `${el.name}.${m.name}`, parameters: null })),
  ];
  const signature = m => (m.parameters === null ? `${m.name}()` : `${m.name}(${(m.parameters ?? []).map(p => `${p.name}${p.optional || p.default ? '?' : ''}`).join(', ')})`);
  return {
    attributes: table(
      ['Attribute', 'Property', 'Type', 'Default', 'Description'],
      (el.attributes ?? []).map(a => [code(a.name), code(a.fieldName), a.type?.text ?? '', a.default && a.default !== "''" ? code(a.default) : '', a.description]),
    ),
    properties: table(
      ['Property', 'Type', 'Description'],
      fields.map(f => [code(f.name) + (f.readonly ? ' (read-only)' : ''), f.type?.text ?? '', f.description]),
    ),
    methods: table(['Method', 'Description'], methods.map(m => [code(signature(m)), m.description])),
    events: table(['Event', 'Description'], (el.events ?? []).map(e => [code(e.name), e.description])),
    slots: table(['Slot', 'Description'], (el.slots ?? []).map(s => [code(s.name), s.description])),
    parts: table(['Part', 'Description'], (el.cssParts ?? []).map(p => [code(p.name), p.description])),
    tokens: table(['Custom property', 'Default', 'Description'], (el.cssProperties ?? []).map(p => [code(p.name), code(p.default), p.description])),
  };
}

/** The README with every marked section written afresh. */
export function render(readme) {
  return readme.replace(/(<!-- api:([\w-]+):(\w+) -->\n)[\s\S]*?(<!-- \/api -->)/g, (_, open, tag, section, close) => {
    const text = sections(tag)[section];
    if (text === undefined) throw new Error(`no section ${section}`);
    return `${open}${text}\n${close}`;
  });
}

/** How many of each the manifest holds, per element (the figures the release notes give). */
export function counts() {
  return manifest.modules.flatMap(m => m.declarations ?? []).filter(d => d.tagName).map(d => ({
    tag: d.tagName,
    attributes: d.attributes?.length ?? 0,
    properties: (d.members ?? []).filter(m => isPublic(m) && m.kind === 'field' && !m.static).length,
    methods: (d.members ?? []).filter(m => isPublic(m) && (m.kind === 'method' || m.static)).length,
    events: d.events?.length ?? 0,
    parts: d.cssParts?.length ?? 0,
    tokens: d.cssProperties?.length ?? 0,
    slots: d.slots?.length ?? 0,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('README.md', root);
  const readme = readFileSync(file, 'utf8');
  const fresh = render(readme);
  if (process.argv.includes('--check')) {
    if (fresh !== readme) {
      console.error('README reference tables differ from the code: run `npm run build && node dev/api-docs.mjs`');
      process.exit(1);
    }
    console.log('README reference tables match the manifest:', JSON.stringify(counts()));
  } else {
    writeFileSync(file, fresh);
    console.log('README reference tables written:', JSON.stringify(counts()));
  }
}
