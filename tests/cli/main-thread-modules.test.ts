// The forwarding thread (serve's main thread, the Electron main process) must not load the store, SQLite or the LLM
// stage: they run in worker threads, and loading them here only costs memory (it was ~6 MB of idle RSS when a CLI
// command's static import pulled them in).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/fixtures.js';

const WORKER_ONLY = [/^store\/exchange-store\.js$/, /^store\/sqlite-open\.js$/, /^analysis\//, /^providers\/index\.js$/, /^conversations\//, /^pricing\//];
const WORKER_PACKAGES = ['better-sqlite3', '@pydantic/genai-prices', 'gpt-tokenizer'];

/** Every module reachable from `entry` through static imports (dynamic `import()` is how heavy parts load on use). */
function staticGraph(entry: string): { files: Map<string, string | null>; packages: Map<string, string> } {
  const files = new Map<string, string | null>([[entry, null]]);
  const packages = new Map<string, string>();
  const queue = [entry];
  for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2]) as string;
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, f);
        continue;
      }
      const target = resolve(dirname(f), spec);
      if (!files.has(target)) {
        files.set(target, f);
        queue.push(target);
      }
    }
  }
  return { files, packages };
}

function chain(files: Map<string, string | null>, from: string | null, base: string): string {
  const out: string[] = [];
  for (let f = from; f !== null && f !== undefined; f = files.get(f) ?? null) out.unshift(relative(base, f));
  return out.join(' → ');
}

for (const entry of ['cli/main.js', 'electron/main.js']) {
  test(`${entry} does not statically import the store, SQLite or the LLM stage`, () => {
    const base = join(repoRoot(), 'dist', 'src-main');
    const { files, packages } = staticGraph(join(base, entry));
    assert.ok(files.size > 20, `the walk found the entry's modules (${files.size})`);
    for (const file of files.keys()) {
      const rel = relative(base, file);
      const hit = WORKER_ONLY.find((re) => re.test(rel));
      assert.equal(hit, undefined, `${rel} is reached: ${chain(files, file, base)}`);
    }
    for (const pkg of WORKER_PACKAGES) {
      const from = packages.get(pkg);
      assert.equal(from, undefined, `${pkg} is imported by ${from === undefined ? '' : chain(files, from, base)}`);
    }
  });
}

test('a running serve has not loaded better-sqlite3 on its main thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-modules-'));
  try {
    // a preload that reports, from the main thread only, the CommonJS packages loaded once serve is up
    const probe = join(dir, 'probe.mjs');
    writeFileSync(probe, `import { isMainThread } from 'node:worker_threads'; import Module from 'node:module';
if (isMainThread) setTimeout(() => { process.stderr.write('LOADED ' + JSON.stringify(Object.keys(Module._cache)) + '\\n'); process.exit(0); }, 1500);\n`);
    const main = join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js');
    const child = spawn(process.execPath, ['--import', probe, main, 'serve', '--data-dir', join(dir, 'data'), '--proxy-port', '0', '--ui-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((r) => child.once('exit', r));
    const line = /LOADED (.*)/.exec(err)?.[1];
    assert.ok(line, `the probe reported (stderr: ${err.slice(-500)})`);
    assert.match(out, /proxy\s+http/, 'serve started before the probe looked');
    const loaded = JSON.parse(line) as string[];
    assert.ok(loaded.some((f) => f.includes('http-mitm-proxy')), 'the forwarding side is loaded');
    assert.deepEqual(loaded.filter((f) => f.includes('better-sqlite3')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
