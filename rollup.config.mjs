import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import ts from 'typescript';
import MagicString from 'magic-string';

const compile = (transformers = undefined) =>
  typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: true, outDir: 'dist', rootDir: 'src', noEmitOnError: true, transformers });

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

// Two of JsSIP's dependencies, `debug` (its logger) and `events` (Node's EventEmitter for
// browsers), replaced by small equivalents in the single script: together ~2 KB of its gzip size.
// So are its SIP subscription classes (SUBSCRIBE/NOTIFY dialogs, which the phone never uses):
// ~2.7 KB more. An incoming SUBSCRIBE still gets 405 Method Not Allowed, as before. So is its
// Options class: an incoming OPTIONS is answered 200 by the UA itself when nobody listens for it.
// `sdp-transform` goes the same way (~2.5 KB): JsSIP only reads and sets media directions with it.
const LITE = { debug: './src/internal/debug-lite.cjs', events: './src/internal/events-lite.cjs', 'sdp-transform': './src/internal/sdp-lite.cjs' };
const LITE_JSSIP = {
  './Subscriber': './src/internal/jssip-subscriber-lite.cjs',
  './Notifier': './src/internal/jssip-notifier-lite.cjs',
  './Options': './src/internal/jssip-options-lite.cjs',
};
export const liteDependencies = () => ({
  name: 'lite-dependencies',
  resolveId(source, importer) {
    const lite = LITE[source] ?? (/[\\/]node_modules[\\/]jssip[\\/]lib[\\/]UA\.js$/.test(importer ?? '') ? LITE_JSSIP[source] : undefined);
    return lite ? fileURLToPath(new URL(lite, import.meta.url)) : null;
  },
});

/**
 * JsSIP's debug-level log lines (~190 strings) left out of the single script, except the
 * transport's, which trace every SIP message sent and received: the calls are marked pure, so
 * the minifier drops them. Warnings and errors stay; the ESM build keeps everything.
 */
export const quietJssip = () => ({
  name: 'quiet-jssip',
  transform(code, id) {
    const file = id.replace(/\\/g, '/');
    if (!/\/node_modules\/jssip\/lib\//.test(file) || file.endsWith('/Transport.js')) return null;
    const s = new MagicString(code);
    for (const m of code.matchAll(/\blogger\w*\.debug\(/g)) s.appendLeft(m.index, '/*@__PURE__*/');
    return { code: s.toString(), map: s.generateMap({ hires: true }) };
  },
});

/**
 * The string tables other than English, without their keys: in the single script each is its
 * texts in the order of the English table's keys (`src/i18n/en.ts`), joined by newlines, and
 * zipped with those keys when loaded. A key a table lacks stays out (English is used for it).
 */
export const keylessTables = () => ({
  name: 'keyless-tables',
  transform(_code, id) {
    const file = id.replace(/\\/g, '/');
    if (!/\/src\/i18n\/[a-z-]+\.ts$/.test(file) || /\/(en|i18n)\.ts$/.test(file)) return null;
    const entries = text => new Map([...text.matchAll(/^ {2}'?([\w-]+)'?: '((?:[^'\\]|\\.)*)',$/gm)].map(m => [m[1], m[2]]));
    const english = [...entries(readFileSync(new URL('./src/i18n/en.ts', import.meta.url), 'utf8')).keys()];
    // Read from the file: the TypeScript plugin hands over compiled code.
    const source = readFileSync(id, 'utf8');
    const table = entries(source);
    const name = source.match(/export const (\w+)/)[1];
    const keys = [...table.keys()];
    const lines = source.match(/^ {2}'?[\w-]+'?:/gm)?.length ?? 0;
    if (!table.size || lines !== table.size || keys.some(k => !english.includes(k)) || [...table.values()].some(v => v.includes('\\n'))) {
      this.error(`${id}: not a table of one-line texts keyed like en.ts`);
    }
    const texts = english.map(k => table.get(k) ?? '').join('\\n');
    return {
      code: `import { en } from './en.js';\nconst keys = Object.keys(en);\nexport const ${name} = Object.fromEntries('${texts}'.split('\\n').map((v, i) => [keys[i], v]).filter(e => e[1]));\n`,
      map: null,
    };
  },
});

/**
 * A TypeScript transformer that collapses the indentation inside our css``, html`` and svg``
 * templates (terser keeps template text as written). Runs of white space become one space, which
 * is what CSS and HTML make of them anyway; no template here holds white-space-sensitive text.
 */
export const templateWhitespace = () => ({
  before: [
    context => {
      const f = context.factory;
      const squeeze = (text, tag) => {
        let out = text.replace(/\s+/g, ' ');
        if (tag === 'css') out = out.replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':');
        else out = out.replace(/> </g, '><');
        return out;
      };
      const visit = node => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && ['css', 'html', 'svg'].includes(node.tag.text)) {
          const tag = node.tag.text;
          const t = node.template;
          const raw = part => squeeze(part.rawText ?? part.text, tag);
          const template = ts.isNoSubstitutionTemplateLiteral(t)
            ? f.createNoSubstitutionTemplateLiteral(raw(t), raw(t))
            : f.createTemplateExpression(
                f.createTemplateHead(raw(t.head), raw(t.head)),
                t.templateSpans.map(span =>
                  f.createTemplateSpan(
                    ts.visitNode(span.expression, visit),
                    ts.isTemplateTail(span.literal)
                      ? f.createTemplateTail(raw(span.literal), raw(span.literal))
                      : f.createTemplateMiddle(raw(span.literal), raw(span.literal)),
                  ),
                ),
              );
          return f.updateTaggedTemplateExpression(node, node.tag, node.typeArguments, template);
        }
        return ts.visitEachChild(node, visit, context);
      };
      return sourceFile => ts.visitNode(sourceFile, visit);
    },
  ],
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
      // Names starting with an underscore and a letter are private by convention in JsSIP and in
      // our code (Lit's cross-version names start with `_$` and are kept): shortened throughout.
      plugins: [terser({ ecma: 2020, format: { comments: false }, compress: { passes: 3 }, mangle: { properties: { regex: /^_[a-z]/ } } })],
    },
    plugins: [jssipPackage(), liteDependencies(), quietJssip(), keylessTables(), json(), resolve({ browser: true, preferBuiltins: false }), commonjs(), compile(templateWhitespace())],
    onwarn,
  },
  // ESM for bundler users: Lit and JsSIP stay dependencies, resolved by the user's bundler.
  {
    input: 'src/index.ts',
    output: { file: 'dist/fs-video-phone.esm.js', format: 'es', sourcemap: true },
    external: id => /^(lit|@lit|jssip)(\/|$)/.test(id),
    plugins: [resolve({ browser: true }), compile()],
    onwarn,
  },
];
