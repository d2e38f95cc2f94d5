// Lint, as part of npm test: the TypeScript compiler in strict mode, ESLint (typescript-eslint,
// Lit, web component and template accessibility rules: eslint.config.mjs) and lit-analyzer on the
// templates. Each must report nothing, warnings included. The sources import each other without a
// cycle, and no source file is over 400 lines. Run: node --test test/lint.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

/** Every module of src/ with the modules it imports (type-only imports too), by path. */
function importGraph() {
  const files = readdirSync(join(root, 'src'), { recursive: true }).filter(f => /\.ts$/.test(f)).map(f => join(root, 'src', f));
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm)]
      .map(m => resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')))
      .filter(dep => dep !== file);
    graph.set(file, deps);
  }
  return graph;
}

test('no import cycle among the sources, and no source file over 400 lines', () => {
  const graph = importGraph();
  assert.ok(graph.size > 40, 'the sources were read');
  const cycles = [];
  const state = new Map(); // 1: on the current path, 2: done
  const path = [];
  const visit = file => {
    state.set(file, 1);
    path.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === 1) cycles.push([...path.slice(path.indexOf(dep)), dep].map(f => f.replace(root, '')).join(' → '));
      else if (!state.has(dep) && graph.has(dep)) visit(dep);
    }
    path.pop();
    state.set(file, 2);
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
  const long = [...graph.keys()].map(f => [f.replace(root, ''), readFileSync(f, 'utf8').split('\n').length - 1]).filter(([, n]) => n > 400);
  assert.deepEqual(long, []);
});
