import { readFileSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const ts = () =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src', noEmitOnError: true });

// Known, harmless warnings: JsSIP's CommonJS modules use `this` at the top level, and
// JsSIP's own modules import each other in cycles; that is theirs and works.
export const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(id => id.includes('node_modules'))) return;
  warn(warning);
};

// JsSIP reads only `title` and `version` from its package.json: bundle those, not the whole file.
export const jssipPackage = () => ({
  name: 'jssip-package-json',
  load(id) {
    if (!id.replace(/\\/g, '/').endsWith('/node_modules/jssip/package.json')) return null;
    const { title, version } = JSON.parse(readFileSync(id, 'utf8'));
    return JSON.stringify({ title, version });
  },
});

export default [
  // One self-contained file for a plain <script src> tag: Lit and JsSIP inside, no loader needed.
  {
    input: 'src/index.ts',
    output: {
      file: 'dist/fs-video-phone.min.js',
      format: 'iife',
      name: 'FsVideoPhone',
      sourcemap: true,
      plugins: [terser({ format: { comments: false }, compress: { passes: 2 } })],
    },
    plugins: [jssipPackage(), json(), resolve({ browser: true, preferBuiltins: false }), commonjs(), ts()],
    onwarn,
  },
  // ESM for bundler users: Lit and JsSIP stay dependencies, resolved by the user's bundler.
  {
    input: 'src/index.ts',
    output: { file: 'dist/fs-video-phone.esm.js', format: 'es', sourcemap: true },
    external: id => /^(lit|@lit|jssip)(\/|$)/.test(id),
    plugins: [resolve({ browser: true }), ts()],
    onwarn,
  },
];
