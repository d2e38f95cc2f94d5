// Size budget of the single script (deterministic, so it is a test; timings live in the bench).
// Run by `npm test` after the build: node --test test/size.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzip9, partSizes } from '../bench/sizes.mjs';

const file = fileURLToPath(new URL('../dist/fs-video-phone.min.js', import.meta.url));

/** 88 KiB gzip for every feature now planned (JsSIP and Lit alone: `npm run bench` prints their weight). */
const GZIP_BUDGET = 88 * 1024;

test(`dist/fs-video-phone.min.js is at most ${GZIP_BUDGET} bytes with gzip -9`, () => {
  const script = readFileSync(file);
  const gzipped = gzip9(file);
  console.log(`# dist/fs-video-phone.min.js: ${script.length} bytes, ${gzipped} gzip -9 (budget ${GZIP_BUDGET})`);
  assert.ok(gzipped <= GZIP_BUDGET, `${gzipped} bytes gzipped, ${gzipped - GZIP_BUDGET} over the budget`);
});

test('the single script needs no module loader and no source map to run', () => {
  const text = readFileSync(file, 'utf8');
  assert.doesNotMatch(text, /^\s*(import|export)\s/m, 'no ES module syntax at the top level');
  assert.doesNotMatch(text, /\brequire\(/, 'no CommonJS require left');
});

test('the single script by part (JsSIP, Lit, strings, ours) adds up to the file', async () => {
  const parts = await partSizes(file);
  for (const [name, { minified, gzip }] of Object.entries(parts)) console.log(`# ${name}: ${minified} bytes, ${gzip} gzip -9 alone`);
  assert.equal(Object.values(parts).reduce((sum, p) => sum + p.minified, 0), readFileSync(file).length);
  assert.ok(parts.JsSIP.minified > 0 && parts.Lit.minified > 0 && parts.strings.minified > 0 && parts.ours.minified > 0, 'every part found');
});
