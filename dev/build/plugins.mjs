// The build's changes to JsSIP, in one place. `jssipModule()` (rollup.config.mjs) builds JsSIP once
// into dist/jssip.js with them; the single script bundles that file, and the browser suites load
// that same file for every `import 'jssip'` (web-test-runner.config.mjs). README.md here says what
// each change replaces and why.
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import MagicString from 'magic-string';

/** Where the built JsSIP goes (and where the single script and the test server read it). */
export const JSSIP_BUILD = fileURLToPath(new URL('../../dist/jssip.js', import.meta.url));

// Known, harmless warnings: JsSIP's CommonJS modules use `this` at the top level, and
// JsSIP's own modules import each other in cycles; that is theirs and works.
export const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(id => id.includes('node_modules'))) return;
  warn(warning);
};

/** The minifier's settings, shared by dist/jssip.js and the single script. */
export const TERSER = { ecma: 2020, format: { comments: false }, compress: { passes: 3 } };

/** JsSIP's dependencies that are replaced, and their stand-ins in this folder. */
export const STAND_INS = { debug: './debug-lite.cjs', events: './events-lite.cjs', 'sdp-transform': './sdp-lite.cjs' };

/** JsSIP's own modules that are replaced (by the path JsSIP requires them with), and their stand-ins. */
export const OWN_STAND_INS = { Grammar: './grammar-lite.cjs', Notifier: './notifier-lite.cjs', Options: './options-lite.cjs' };

export const standIns = () => ({
  name: 'stand-ins',
  resolveId(source, importer) {
    if (STAND_INS[source]) return fileURLToPath(new URL(STAND_INS[source], import.meta.url));
    const own = /^\.\.?\/(\w+)(?:\.js)?$/.exec(source)?.[1];
    if (own && OWN_STAND_INS[own] && /[\\/]node_modules[\\/]jssip[\\/]lib[\\/]/.test(importer ?? '')) return fileURLToPath(new URL(OWN_STAND_INS[own], import.meta.url));
    return null;
  },
});

/**
 * JsSIP's debug- and warning-level log lines (~250 strings) left out, except the transport's, which
 * trace every SIP message sent and received: the calls are marked pure, so the minifier drops them.
 * Errors stay.
 */
export const quietJssip = () => ({
  name: 'quiet-jssip',
  transform(code, id) {
    const file = id.replace(/\\/g, '/');
    if (!/\/node_modules\/jssip\/lib\//.test(file) || file.endsWith('/Transport.js')) return null;
    const s = new MagicString(code);
    for (const m of code.matchAll(/\blogger\w*\.(?:debug|warn)\(/g)) s.appendLeft(m.index, '/*@__PURE__*/');
    return { code: s.toString(), map: s.generateMap({ hires: true }) };
  },
});

/** The rollup configuration that writes dist/jssip.js: JsSIP as one ES module, changed as above. */
export const jssipModule = () => ({
  input: 'jssip',
  output: { file: JSSIP_BUILD, format: 'es', sourcemap: true, plugins: [terser(TERSER)] },
  plugins: [standIns(), quietJssip(), json(), resolve({ browser: true, preferBuiltins: false }), commonjs()],
  onwarn,
});

/** Resolves `jssip` to dist/jssip.js, for every build and server that bundles or serves our code. */
export const builtJssip = () => ({
  name: 'built-jssip',
  resolveId: source => (source === 'jssip' ? JSSIP_BUILD : null),
});
