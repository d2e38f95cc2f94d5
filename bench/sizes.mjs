// Byte counts of a built file, shared by the size budget test and the bench.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

/** Bytes of `gzip -9` output (the gzip program: it packs a little tighter than node's zlib). */
export function gzip9(path) {
  const out = spawnSync('gzip', ['-9', '-c', '-n', path]);
  if (out.status !== 0) throw new Error(`gzip failed: ${out.stderr}`);
  return out.stdout.length;
}

/** Minified, gzip -9 and brotli (quality 11) bytes of a file. */
export function sizes(path) {
  const data = readFileSync(path);
  return { minified: data.length, gzip: gzip9(path), brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
}

/** Which part of the single script a source file (as its source map names it) belongs to. */
export function partOf(source) {
  if (/(^|\/)(dist\/)?jssip\.js$/.test(source)) return 'JsSIP';
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(source)) return 'Lit';
  if (/src\/i18n\/[\w-]+\.ts$/.test(source) && !source.endsWith('/i18n.ts')) return 'strings';
  return 'ours';
}

/**
 * Minified and gzip -9 bytes of each part of a built file (JsSIP, Lit, strings, ours), from its
 * source map: every output character counts for the source of the mapping it falls under. Each
 * part is gzipped alone, so the parts add up to a little more than the whole.
 */
export async function partSizes(path) {
  const { SourceMapConsumer } = await import('source-map-js');
  const code = readFileSync(path, 'utf8');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
  const lines = code.split('\n');
  const text = { JsSIP: [], Lit: [], strings: [], ours: [] };
  const mappings = [];
  map.eachMapping(m => mappings.push(m));
  mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  let part = 'ours';
  let line = 1;
  let column = 0;
  const take = (toLine, toColumn) => {
    while (line < toLine) {
      text[part].push(lines[line - 1].slice(column), '\n');
      line++;
      column = 0;
    }
    text[part].push(lines[line - 1].slice(column, toColumn));
    column = toColumn;
  };
  for (const m of mappings) {
    take(m.generatedLine, m.generatedColumn);
    part = m.source ? partOf(m.source) : 'ours';
  }
  take(lines.length, lines[lines.length - 1].length);
  const gzipped = s => spawnSync('gzip', ['-9', '-c', '-n'], { input: s }).stdout.length;
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, { minified: Buffer.byteLength(v.join('')), gzip: gzipped(v.join('')) }]));
}
