// Lint, as part of npm test: the TypeScript compiler in strict mode, ESLint (typescript-eslint,
// Lit, web component and template accessibility rules: eslint.config.mjs) and lit-analyzer on the
// templates. Each must report nothing, warnings included. Run: node --test test/lint.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = name => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const run = (name, args) => spawnSync(bin(name), args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

test('tsc --noEmit (strict) finds nothing', () => {
  const r = run('tsc', ['-p', 'tsconfig.json', '--noEmit']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('ESLint finds no error and no warning', () => {
  const r = run('eslint', ['--format', 'json', '.']);
  const files = JSON.parse(r.stdout || '[]');
  const errors = files.reduce((n, f) => n + f.errorCount, 0);
  const warnings = files.reduce((n, f) => n + f.warningCount, 0);
  console.log(`# eslint: ${files.length} files, ${errors} errors, ${warnings} warnings`);
  const problems = files.flatMap(f => f.messages.map(m => `${f.filePath.replace(root, '')}:${m.line}:${m.column} ${m.ruleId} ${m.message}`));
  assert.deepEqual(problems, []);
  assert.ok(files.length > 80, 'the sources, tests and scripts were all read');
});

test('lit-analyzer (strict) finds nothing in the templates', () => {
  // Its CSS data predates container queries and `color-scheme`: CSS is left to the browsers' tests.
  const r = run('lit-analyzer', ['src/**/*.ts', '--strict', '--maxWarnings', '0', '--rules.no-invalid-css', 'off', '--format', 'list', '--noColor']);
  const summary = /Found 0 problems in (\d+) files/.exec(r.stdout);
  console.log(`# lit-analyzer: ${r.stdout.trim().split('\n').pop()}`);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(summary && Number(summary[1]) > 40);
});
