// Self-tests of the fixture corpus helpers: MANIFEST parsing, byte-exact splitting, and replaying every fixture
// through one fake provider.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import {
  decodeEventStream,
  fixtureBytes,
  fixtureReply,
  fixturesDir,
  manifest,
  providerRoutesForAllFixtures,
  sha256,
  splitJsonArrayStream,
  splitSseEvents,
  startProvider,
  type FakeProvider,
} from './fake-provider.js';
import { linesPerRead, recordReads, sseEventsPerRead } from './sse-reader.js';
import { getTestPki } from './test-pki.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

describe('manifest()', () => {
  it('parses every entry and every listed file exists with the listed size', () => {
    const entries = manifest();
    const text = readFileSync(join(fixturesDir(), 'MANIFEST.md'), 'utf8');
    const declared = Number(/_(\d+) fixture files\._/.exec(text)?.[1]);
    assert.equal(entries.length, declared);
    const onDisk = listFiles(fixturesDir()).map((f) => relative(fixturesDir(), f).split('\\').join('/')).filter((f) => f !== 'MANIFEST.md');
    assert.deepEqual([...entries.map((e) => e.file)].sort(), onDisk.sort());
    for (const e of entries) {
      assert.equal(fixtureBytes(e.file).length, e.size, e.file);
      assert.match(e.request.method, /^(POST|GET)$/, e.file);
      assert.doesNotThrow(() => new URL(e.request.concreteUrl), e.file);
      assert.ok(!e.request.concreteUrl.includes('{'), e.file);
      assert.ok(e.api.length > 0 && e.licence.length > 0 && e.source.length > 0, e.file);
      if (e.format !== 'exchange' && e.providerUsage !== null) assert.ok(e.normalized, `${e.file} has normalized usage`);
    }
    const chat = entries.find((e) => e.file === 'openai/chat-text.json')!;
    assert.deepEqual(chat.normalized, { inputTokens: 16, outputTokens: 363, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 379 });
    assert.equal(chat.parsed?.['model'], 'gpt-4.1-nano-2025-04-14');
    assert.equal(entries.find((e) => e.file === 'openai/error-429-insufficient-quota.json')!.request.status, 429);
    assert.equal(entries.find((e) => e.file === 'anthropic/error-529-overloaded.json')!.request.status, 529);
    assert.equal(entries.find((e) => e.file === 'gemini/function-calling-chat.exchange.json')!.request.count, 4);
    assert.equal(entries.find((e) => e.file === 'openai/chat-stream-no-usage.sse')!.normalized, null);
  });
});

describe('fixture splitting', () => {
  it('SSE / NDJSON / JSON-array chunks concatenate back to the exact file bytes', () => {
    for (const e of manifest()) {
      if (e.format === 'exchange' || e.format === 'events-jsonl') continue;
      const r = fixtureReply(e.file);
      const bytes = r.chunks ? Buffer.concat(r.chunks.map((c) => Buffer.from(c))) : Buffer.from(r.body ?? '');
      assert.equal(sha256(bytes), sha256(fixtureBytes(e.file)), e.file);
      if (e.format === 'sse') {
        // Every chunk but possibly the last is exactly one blank-line-terminated event.
        const counts = sseEventsPerRead((r.chunks ?? []).map((c) => ({ bytes: Buffer.from(c), at: 0 })));
        assert.ok(counts.slice(0, -1).every((n) => n === 1), e.file);
      }
    }
    assert.equal(splitSseEvents(Buffer.from('data: a\r\n\r\ndata: b\n\nevent: x\ndata: c\n\n')).length, 3);
    const arr = splitJsonArrayStream(fixtureBytes('gemini/stream-text-json-array.json'));
    assert.equal(arr.length, fixtureReply('gemini/stream-text.sse').chunks?.length);
    assert.equal(linesPerRead([{ bytes: Buffer.from('{"a":1}\n{"b":2}\n'), at: 0 }])[0], 2);
  });

  it('Bedrock decoded events are framed as AWS event-stream messages', () => {
    const r = fixtureReply('bedrock/converse-stream-text.events.jsonl');
    assert.equal(r.headers?.['content-type'], 'application/vnd.amazon.eventstream');
    const msgs = decodeEventStream(Buffer.concat((r.chunks ?? []).map((c) => Buffer.from(c))));
    const lines = fixtureBytes('bedrock/converse-stream-text.events.jsonl').toString().trim().split('\n');
    assert.equal(msgs.length, lines.length);
    msgs.forEach((m, i) => {
      const obj = JSON.parse(lines[i]!) as Record<string, unknown>;
      const type = Object.keys(obj)[0]!;
      assert.equal(m.headers[':event-type'], type);
      assert.deepEqual(JSON.parse(m.payload.toString()), obj[type]);
    });
  });
});

describe('providerRoutesForAllFixtures()', () => {
  let p: FakeProvider;
  let caPem: string;
  const agents = new Map<string, Agent>();
  const agentFor = (host: string): Agent => {
    let a = agents.get(host);
    if (!a) {
      // SNI = the real provider's name (IP-less names only; "localhost" is fine too).
      a = new Agent({ connect: { ca: caPem, servername: host } });
      agents.set(host, a);
    }
    return a;
  };
  const cases = providerRoutesForAllFixtures();
  before(async () => {
    caPem = (await getTestPki()).caPem;
    p = await startProvider({ routes: [...cases.values()].map((c) => c.route) });
  });
  after(async () => {
    await Promise.all([...agents.values()].map((a) => a.close()));
    await p.close();
  });

  it('replays every fixture to its request, with the manifest status and exact bytes', async () => {
    assert.equal(cases.size, manifest().length);
    for (const c of cases.values()) {
      assert.equal(c.requests.length, c.entry.request.count, c.file);
      for (let i = 0; i < c.requests.length; i++) {
        const fr = c.requests[i]!;
        const res = await request(`${p.url}${fr.path}`, {
          method: fr.method as 'POST',
          headers: fr.headers,
          body: fr.body,
          dispatcher: agentFor(fr.host),
        });
        const rec = await recordReads(res.body);
        assert.equal(rec.error, undefined, c.file);
        const expectedReply = c.replies[i]!;
        assert.equal(res.statusCode, expectedReply.status ?? 200, c.file);
        const expected = expectedReply.chunks
          ? Buffer.concat(expectedReply.chunks.map((x) => Buffer.from(x)))
          : Buffer.from(expectedReply.body ?? '');
        assert.equal(sha256(rec.body), sha256(expected), c.file);
        if (c.entry.format !== 'exchange' && c.entry.format !== 'events-jsonl') assert.equal(sha256(rec.body), sha256(fixtureBytes(c.file)), c.file);
        const srv = p.requests.at(-1)!;
        assert.equal(srv.header('x-llmi-fixture'), c.file);
        assert.equal(srv.url, fr.path);
        assert.equal(srv.servername, fr.host, c.file);
        assert.doesNotThrow(() => JSON.parse(srv.body.toString()), c.file);
      }
    }
  });
});
