// Runs a node:test file as a child process and counts its results from the TAP it prints (also
// passed through). Asynchronous: a development SIP server in the calling process goes on answering.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let current = null;

/** The node:test child running now, if any (to forward a signal to). */
export const runningNodeTest = () => current;

/** Resolves with `{ passed, failed, skipped }` of `file` (relative to the repository). */
export async function nodeTest(file, env = {}) {
  const child = (current = spawn(process.execPath, ['--test', '--test-reporter=tap', `${root}${file}`], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] }));
  let out = '';
  child.stdout.on('data', chunk => {
    out += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise(resolve => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  current = null;
  const count = name => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + count('cancelled') || (status === 0 ? 0 : 1), skipped: 0 };
}

/** Counts across runs, and a line per run for the summary. */
export class Tally {
  total = { passed: 0, failed: 0, skipped: 0 };
  lines = [];

  add(label, c) {
    this.total.passed += c.passed;
    this.total.failed += c.failed;
    this.total.skipped += c.skipped ?? 0;
    this.lines.push(`${label}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
  }

  /** A run that could not happen: a failure under CI=true (`strict`), else skipped. */
  missing(label, reason, strict) {
    this.lines.push(`${label}: ${strict ? 'FAILED' : 'skipped'}, ${reason}`);
    if (strict) this.total.failed++;
    else this.total.skipped++;
  }
}
