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
