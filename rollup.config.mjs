import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import ts from 'typescript';

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
// ~2.7 KB more. An incoming SUBSCRIBE still gets 405 Method Not Allowed, as before.
// `sdp-transform` goes the same way (~2.5 KB): JsSIP only reads and sets media directions with it.
const LITE = { debug: './src/internal/debug-lite.cjs', events: './src/internal/events-lite.cjs', 'sdp-transform': './src/internal/sdp-lite.cjs' };
const LITE_JSSIP = { './Subscriber': './src/internal/jssip-subscriber-lite.cjs', './Notifier': './src/internal/jssip-notifier-lite.cjs' };
export const liteDependencies = () => ({
  name: 'lite-dependencies',
  resolveId(source, importer) {
    const lite = LITE[source] ?? (/[\\/]node_modules[\\/]jssip[\\/]lib[\\/]UA\.js$/.test(importer ?? '') ? LITE_JSSIP[source] : undefined);
    return lite ? fileURLToPath(new URL(lite, import.meta.url)) : null;
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
      plugins: [terser({ ecma: 2020, format: { comments: false }, compress: { passes: 3 } })],
    },
    plugins: [jssipPackage(), liteDependencies(), json(), resolve({ browser: true, preferBuiltins: false }), commonjs(), compile(templateWhitespace())],
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
