import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { TERSER, builtJssip, jssipModule, onwarn } from './dev/build/plugins.mjs';

const compile = () => typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src', noEmitOnError: true });

// Built in order: JsSIP first (dist/jssip.js, which the single script bundles and the browser
// suites load), then the single script, then the ESM builds (the elements, and the core alone).
export default [
  jssipModule(),
  // One self-contained file for a plain <script src> tag: Lit and JsSIP inside, no loader needed.
  {
    input: 'src/index.ts',
    output: { file: 'dist/fs-video-phone.min.js', format: 'iife', name: 'FsVideoPhone', sourcemap: true, plugins: [terser(TERSER)] },
    plugins: [builtJssip(), resolve({ browser: true }), compile()],
    onwarn,
  },
  // ESM for bundler users: Lit and JsSIP stay dependencies, resolved by the user's bundler. The
  // core alone (`fs-video-phone/sip`) is for pages that draw their own UI.
  ...[
    ['src/index.ts', 'dist/fs-video-phone.esm.js'],
    ['src/sip/index.ts', 'dist/sip.esm.js'],
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'es', sourcemap: true },
    external: id => /^(lit|@lit|jssip)(\/|$)/.test(id),
    plugins: [resolve({ browser: true }), compile()],
    onwarn,
  })),
];
