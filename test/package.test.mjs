// What npm would publish, and whether the README still describes the code. Run by `npm test`
// after the build: node --test test/package.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

test('the package holds the single script, the ESM builds (elements, core), their types and the manifest, and no tests or development code', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  const files = packed.files.map(f => f.path);
  console.log(`# npm pack: ${files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
  for (const want of ['package.json', 'README.md', 'LICENSE', 'dist/fs-video-phone.min.js', 'dist/fs-video-phone.esm.js', 'dist/sip.esm.js', 'dist/types/index.d.ts', 'dist/types/sip/index.d.ts', 'dist/custom-elements.json']) {
    assert.ok(files.includes(want), `${want} is in the package`);
  }
  const stray = files.filter(f => /^(test|dev|bench|demo|src|docs|\.ci)\//.test(f) || /\.test\./.test(f));
  assert.deepEqual(stray, [], 'no tests, sources or development code');
  // Every path the package points at is in it.
  const targets = [pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements, ...Object.values(pkg.exports).flatMap(t => (typeof t === 'string' ? [t] : Object.values(t)))];
  for (const t of targets) assert.ok(files.includes(t.replace(/^\.\//, '')), `${t} (named in package.json) is in the package`);
  assert.ok(pkg.sideEffects.every(f => files.includes(f.replace(/^\.\//, ''))), 'sideEffects names packaged files');
});

test('the manifest lists the three elements with their attributes, events, parts and tokens', () => {
  const manifest = JSON.parse(readFileSync(new URL('../dist/custom-elements.json', import.meta.url), 'utf8'));
  const elements = manifest.modules.flatMap(m => m.declarations ?? []).filter(d => d.tagName);
  assert.deepEqual(elements.map(e => e.tagName).sort(), ['fs-call-button', 'fs-dialpad', 'fs-video-phone']);
  const button = elements.find(e => e.tagName === 'fs-call-button');
  for (const a of ['target', 'ws-url', 'label', 'ask-name', 'audio-only']) assert.ok(button.attributes.some(x => x.name === a), `fs-call-button attribute ${a}`);
  const phone = elements.find(e => e.tagName === 'fs-video-phone');
  const attributes = phone.attributes.map(a => a.name);
  for (const a of ['sip-uri', 'ws-url', 'password', 'ha1', 'history', 'theme', 'max-calls']) assert.ok(attributes.includes(a), `attribute ${a}`);
  assert.equal(phone.attributes.find(a => a.name === 'history').fieldName, 'persistHistory');
  assert.ok(phone.events.length >= 13 && phone.cssParts.length >= 60 && phone.cssProperties.length >= 14);
  assert.ok(!phone.members.some(m => m.name === 't' || (m.name === 'panel' && m.privacy !== 'private')), 'internal members are not public');
});

test('the README reference tables match the manifest', () => {
  execFileSync(process.execPath, ['dev/api-docs.mjs', '--check'], { cwd: root, stdio: 'inherit' });
});

test('the LICENSE is the one package.json names', () => {
  assert.ok(existsSync(new URL('../LICENSE', import.meta.url)));
  assert.match(readFileSync(new URL('../LICENSE', import.meta.url), 'utf8'), new RegExp(`^${pkg.license} License`));
});
