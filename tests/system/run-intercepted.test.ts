// `llm-inspector run -- …` as a user runs it: a real inspector, real child programs with no proxy code of their own.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { startProvider, type FakeProvider } from '../support/fake-provider.js';
import { repoRoot } from '../support/fixtures.js';
import { getTestPki } from '../support/test-pki.js';
import { startServe, type ServeProcess } from '../harness/serve-process.js';

const COMPLETION = { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'hi from fake' }, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } };

let provider: FakeProvider;
let serve: ServeProcess;
const tmp = mkdtempSync(join(tmpdir(), 'llmi-run-'));

before(async () => {
  const pki = await getTestPki();
  provider = await startProvider({ routes: [{ method: 'POST', path: /^\/v1\/chat\/completions/, respond: { body: JSON.stringify(COMPLETION), headers: { 'content-type': 'application/json' } } }] });
  serve = await startServe({ upstream: { extraCaFile: pki.caPath, hostMap: { 'api.openai.com': `127.0.0.1:${provider.port}` } } });
});
after(async () => {
  serve.cleanup();
  await provider.close();
  rmSync(tmp, { recursive: true, force: true });
});

function run(args: string[], onSpawn?: (pid: number) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), 'run', '--data-dir', serve.dataDir, '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (child.pid) onSpawn?.(child.pid);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function capturedPaths(): Promise<string[]> {
  const db = new Database(join(serve.dataDir, 'inspector.db'), { readonly: true });
  try {
    return (db.prepare("SELECT path FROM exchanges WHERE host = 'api.openai.com' AND status = 200").all() as { path: string }[]).map((r) => r.path);
  } finally {
    db.close();
  }
}

async function waitCaptured(path: string, before: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if ((await capturedPaths()).filter((p) => p === path).length > before) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no new captured exchange for ${path}`);
}

test('run -- node script.mjs: the real openai client, with no proxy code, is captured', async () => {
  const script = join(tmp, 'chat.mjs');
  writeFileSync(script, `import OpenAI from ${JSON.stringify(import.meta.resolve('openai'))};
const client = new OpenAI({ apiKey: 'sk-test' });
const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
console.log(r.choices[0].message.content);
`);
  const n = (await capturedPaths()).length;
  const r = await run([process.execPath, script]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hi from fake/);
  await waitCaptured('/v1/chat/completions', n);
});

test('run -- node script.mjs: node:https with no agent of its own is captured too (the preload tunnels it)', async () => {
  const script = join(tmp, 'https.mjs');
  writeFileSync(script, `import https from 'node:https';
const req = https.request('https://api.openai.com/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
  let b = ''; res.on('data', (d) => (b += d)); res.on('end', () => console.log(res.statusCode, b));
});
req.end('{"model":"gpt-4o-mini","messages":[]}');
`);
  const n = (await capturedPaths()).length;
  const r = await run([process.execPath, script]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /200 .*hi from fake/);
  await waitCaptured('/v1/chat/completions', n);
});

test('run -- curl …: captured, with no curl flags for the proxy or the CA', async () => {
  const n = (await capturedPaths()).length;
  const r = await run(['curl', '-sS', '-X', 'POST', '-H', 'content-type: application/json', '-d', '{"model":"gpt-4o-mini","messages":[]}', 'https://api.openai.com/v1/chat/completions']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hi from fake/);
  await waitCaptured('/v1/chat/completions', n);
});

test('run: the exit code passes through', async () => {
  const r = await run([process.execPath, '-e', 'process.exit(3)']);
  assert.equal(r.code, 3);
});

test('run: SIGTERM to the wrapper reaches the child, and the wrapper ends by the same signal', { timeout: 20_000 }, async () => {
  const marker = join(tmp, 'got-sigterm');
  // the child notes the signal, then dies by it (a `once` listener is gone before the re-raised signal arrives)
  const r = await run([process.execPath, '-e', `process.once('SIGTERM', () => { require('fs').writeFileSync(${JSON.stringify(marker)}, 'y'); process.kill(process.pid, 'SIGTERM'); }); setInterval(() => {}, 1000);`], (pid) => {
    setTimeout(() => process.kill(pid, 'SIGTERM'), 1500);
  });
  assert.ok(existsSync(marker), 'the child never saw SIGTERM');
  assert.equal(r.signal, 'SIGTERM', `code ${r.code} ${r.stderr}`);
});

test('run: a command that does not exist exits 127 with one line', async () => {
  const r = await run(['llmi-no-such-command']);
  assert.equal(r.code, 127);
  assert.match(r.stderr, /command not found: llmi-no-such-command/);
});

test('run with no inspector running says how to start one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-run-none-'));
  try {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const c = spawn(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), 'run', '--data-dir', dir, '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      c.once('exit', (code) => resolve({ code, stderr }));
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no inspector is running .*llm-inspector serve --data-dir/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
