// Runs every compiled test file under dist/tests with node's own test runner. Node 20's `--test` takes no globs, so the
// files are listed here; the runner's summary (tests/pass/fail) ends the output, which CI reads.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...collect(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const roots = only.length ? only : ['dist/tests'];
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? collect(r) : [r]));
const res = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=180000', ...files],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
