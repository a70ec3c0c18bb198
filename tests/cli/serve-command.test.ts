// `llm-inspector serve` as a user runs it: a real child process. kill -9 in the middle of a write burst loses nothing
// the API announced as finished, and leaves a database that passes integrity_check.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import { startProvider } from '../support/fake-provider.js';
import { repoRoot } from '../support/fixtures.js';
import { getTestPki } from '../support/test-pki.js';
import { startServe } from '../harness/serve-process.js';

const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), ...args], (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })),
  );

test('kill -9 during a write burst: integrity ok, every announced exchange present', async () => {
  const pki = await getTestPki();
  const provider = await startProvider({ routes: [{ method: 'POST', path: /^\/v1\/chat\/completions/, respond: { body: JSON.stringify({ ok: true, pad: 'x'.repeat(2000) }), headers: { 'content-type': 'application/json' } } }] });
  const serve = await startServe({ upstream: { extraCaFile: pki.caPath, hostMap: { 'api.openai.com': `127.0.0.1:${provider.port}` } } });
  try {
    assert.match(serve.output(), /LLM Inspector \d+\.\d+\.\d+/);
    assert.match(serve.output(), /eval "\$\(llm-inspector env\)"/);
    const ws = new WebSocket(`${serve.uiUrl.replace('http', 'ws')}/api/events?token=${serve.token}`);
    const announced = new Set<number>();
    ws.on('message', (m: Buffer) => {
      for (const e of (JSON.parse(m.toString()) as { events: { event: string; data: { id: number } }[] }).events) {
        if (e.event === 'exchange.finished') announced.add(e.data.id);
      }
    });
    await new Promise((r) => ws.once('open', r));
    const agent = new Agent({ connections: 8 });
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await request(`${serve.proxyUrl}/openai/v1/chat/completions`, { method: 'POST', body: '{"model":"m"}', dispatcher: agent });
          await res.body.arrayBuffer();
        } catch {
          return; // the inspector is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    const deadline = Date.now() + 15_000;
    while (announced.size < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.ok(announced.size >= 200, `only ${announced.size} announced`);
    await serve.stop('SIGKILL');
    stop = true;
    ws.terminate();
    await Promise.all(workers);
    await agent.close();

    const db = new Database(join(serve.dataDir, 'inspector.db'), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const rows = db.prepare('SELECT id, state FROM exchanges').all() as { id: number; state: string }[];
      const byId = new Map(rows.map((r) => [r.id, r.state]));
      const missing = [...announced].filter((id) => byId.get(id) !== 'complete');
      assert.deepEqual(missing, [], 'announced exchanges missing or not complete after kill -9');
    } finally {
      db.close();
    }
    // a new start recovers: rows left in flight are marked aborted, the store opens fine
    const again = await startServe({}, []);
    again.cleanup();
  } finally {
    serve.cleanup();
    await provider.close();
  }
});

test('SIGTERM stops cleanly; the CLI prints one actionable line for bad input', async () => {
  const serve = await startServe();
  try {
    assert.equal(await serve.stop('SIGTERM'), 0);
    const env = await cli(['env', '--data-dir', serve.dataDir]);
    assert.equal(env.code, 0);
    assert.match(env.stdout, /^export HTTPS_PROXY=http:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(env.stdout, /^export NODE_EXTRA_CA_CERTS=.*ca\.pem$/m);
    const caPath = await cli(['ca', 'path', '--data-dir', serve.dataDir]);
    assert.match(caPath.stdout.trim(), /ca\.pem$/);
    const bad = await cli(['serve', '--proxy-port', 'abc', '--data-dir', serve.dataDir]);
    assert.notEqual(bad.code, 0);
    assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
    assert.match(bad.stderr, /^llm-inspector: invalid --proxy-port/);
    const badFormat = await cli(['ca', 'export', '--format', 'zip', '--data-dir', serve.dataDir]);
    assert.match(badFormat.stderr, /^llm-inspector: invalid --format/);
    const exported = await cli(['ca', 'export', '--format', 'pem', '--data-dir', serve.dataDir]);
    assert.match(exported.stdout, /^-----BEGIN CERTIFICATE-----/);
  } finally {
    serve.cleanup();
  }
});
