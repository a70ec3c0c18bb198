// exchanges.get on an exchange still in flight: the live state (streaming, status, timings so far) over the stored begin
// row, the request as storage will keep it (redacted headers, decoded body under the cap) with its LLM view, and a
// live reply parse that starts on demand for a stream nobody watched when it began. After it ends: the stored row.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { request } from 'undici';
import type { ExchangeDetail, ServiceEventPayload } from '../../src-main/contract/index.js';
import { startProvider, type FakeProvider, type Reply } from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

const KEY = 'sk-live-detail-0123456789';
const WORDS = ['Hello', ' there', ',', ' slow', ' friend', '.'];
const FULL_TEXT = WORDS.join('');
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  stream: true,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Say hello slowly' },
  ],
});

function chunk(delta: object, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-live', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

/** an OpenAI chat stream, one SSE event per write, `delayMs` apart */
function slowStream(delayMs: number): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    chunks: [chunk({ role: 'assistant', content: '' }), ...WORDS.map((w) => chunk({ content: w })), chunk({}, 'stop'), 'data: [DONE]\n\n'],
    chunkDelayMs: delayMs,
  };
}

let provider: FakeProvider;
let t: TestInspector;

before(async () => {
  provider = await startProvider({
    routes: [
      { method: 'POST', path: '/v1/chat/completions', respond: slowStream(200) },
      {
        method: 'POST',
        path: '/v1/late/chat/completions',
        // headers only after a while: the exchange stays pending
        respond: async () => {
          await new Promise((r) => setTimeout(r, 700));
          return slowStream(20);
        },
      },
    ],
  });
  t = await startTestInspector({ providerPort: provider.port });
});

after(async () => {
  await t.close();
  await provider.close();
});

const textOf = (m: { parts: { type: string; text?: string }[] } | null | undefined) =>
  (m?.parts ?? []).map((p) => (p.type === 'text' ? (p.text ?? '') : '')).join('');

/** Starts a request and resolves once its response headers and first body chunk arrived, with the exchange id. */
async function startSlow(path: string, body: string | Buffer, extraHeaders: Record<string, string> = {}) {
  let resolveId!: (id: number) => void;
  const id = new Promise<number>((r) => (resolveId = r));
  const off = t.inspector.service.events.on('exchange.started', (e) => {
    if (e.path === path) resolveId(e.id);
  });
  const res = await request(`https://api.openai.com${path}`, {
    method: 'POST',
    dispatcher: t.dispatcher,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...extraHeaders },
    body,
  });
  off();
  return { id: await id, res };
}

async function readFirstChunk(res: Awaited<ReturnType<typeof request>>): Promise<{ rest: () => Promise<string>; first: string }> {
  const it = res.body[Symbol.asyncIterator]();
  const first = await it.next();
  assert.ok(!first.done, 'a first chunk arrives');
  return {
    first: Buffer.from(first.value as Buffer).toString('utf8'),
    rest: async () => {
      let s = '';
      for (let r = await it.next(); !r.done; r = await it.next()) s += Buffer.from(r.value as Buffer).toString('utf8');
      return s;
    },
  };
}

const get = (id: number): Promise<ExchangeDetail> => t.inspector.service.api['exchanges.get']({ id });

test('mid-stream: state streaming, status 200, request body and llm.request; the reply parse starts for a late watcher', async () => {
  assert.equal(t.inspector.service.events.watchedReplies, false, 'nobody watches replies when the stream starts');
  const { id, res } = await startSlow('/v1/chat/completions', BODY);
  assert.equal(res.statusCode, 200);
  const body = await readFirstChunk(res);

  const live = await get(id);
  assert.equal(live.id, id);
  assert.equal(live.state, 'streaming');
  assert.equal(live.status, 200);
  assert.equal(live.stream, true);
  assert.equal(live.contentType, 'text/event-stream');
  assert.ok(live.timings.ttfbMs !== null && live.timings.ttfbMs > 0, 'time to first byte so far');
  assert.equal(live.timings.totalMs, null, 'not over yet');
  assert.ok(live.responseBytes > 0);
  assert.equal(live.request.body, BODY);
  assert.equal(live.request.bodyEncoding, 'utf8');
  assert.equal(live.request.truncated, false);
  assert.equal(live.request.bytes, Buffer.byteLength(BODY));
  const auth = live.request.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  assert.match(auth, /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/);
  assert.ok(!JSON.stringify(live).includes(KEY), 'the key appears nowhere');
  assert.equal(live.llm?.provider, 'openai');
  assert.equal(live.provider, 'openai');
  assert.equal(live.model, 'gpt-4o-mini');
  assert.deepEqual(
    live.llm?.request?.messages.map((m) => [m.role, textOf(m)]),
    [['system', 'Be brief.'], ['user', 'Say hello slowly']],
  );
  assert.ok(FULL_TEXT.startsWith(textOf(live.llm?.response?.message)), 'the reply so far is a prefix of the reply');
  assert.equal(live.llm?.response?.complete, false);
  assert.ok(live.response.body !== null && live.response.body.startsWith(body.first), 'the response bytes so far');
  assert.ok(live.response.headers.some(([k, v]) => k.toLowerCase() === 'content-type' && v === 'text/event-stream'));
  assert.equal((await t.inspector.service.getBody(id, 'req'))?.toString('utf8'), BODY, 'the body route serves it too');

  // a client that starts watching after the stream began still sees the reply grow (get() started the live parse)
  const replies: ServiceEventPayload<'exchange.reply'>[] = [];
  const off = t.inspector.service.events.on('exchange.reply', (e) => {
    if (e.id === id) replies.push(e);
  });
  try {
    await body.rest();
    const done = await t.waitFinished((e) => e.id === id);
    assert.equal(done.state, 'complete');
    assert.ok(replies.length >= 1, 'reply events for a stream that began unwatched');
    const last = replies.at(-1)!;
    assert.equal(last.complete, true);
    assert.equal(textOf(last.message), FULL_TEXT);
  } finally {
    off();
  }

  const stored = await get(id);
  assert.equal(stored.state, 'complete');
  assert.deepEqual(stored, await t.inspector.store.get(id), 'once finished, the stored row');
  assert.deepEqual(live.request, stored.request, 'the request side in flight is what was stored');
  assert.equal(textOf(stored.llm?.response?.message), FULL_TEXT);
});

test('pending (no response yet): the request and its LLM view, no status', async () => {
  const path = '/v1/late/chat/completions';
  let resolveId!: (id: number) => void;
  const idP = new Promise<number>((r) => (resolveId = r));
  const off = t.inspector.service.events.on('exchange.started', (e) => {
    if (e.path === path) resolveId(e.id);
  });
  const resP = request(`https://api.openai.com${path}`, {
    method: 'POST', dispatcher: t.dispatcher, headers: { 'content-type': 'application/json' }, body: BODY,
  });
  const id = await idP;
  off();
  // the request body is read by the proxy right after the headers; give it a moment to arrive
  let live = await get(id);
  for (let i = 0; i < 20 && live.request.body === null; i++) {
    await new Promise((r) => setTimeout(r, 10));
    live = await get(id);
  }
  assert.equal(live.state, 'pending');
  assert.equal(live.status, null);
  assert.equal(live.request.body, BODY);
  assert.equal(live.llm?.request?.messages.length, 2);
  assert.equal(live.llm?.response, null);
  assert.equal(live.response.body, null);
  const res = await resP;
  await res.body.text();
  const done = await t.waitFinished((e) => e.id === id);
  assert.equal(done.state, 'complete');
  assert.equal((await get(id)).state, 'complete');
});

test('a compressed request body is decoded, under the capture cap, exactly as the store keeps it', async () => {
  const words = Array.from({ length: 2000 }, (_, i) => `word${(i * 7919) % 1009}`).join(' ');
  const big = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: words }] });
  const gz = gzipSync(big);
  const cap = 2048;
  assert.ok(gz.length > cap, 'the compressed body itself is over the cap');
  for (const maxBodyBytes of [10 * 1024 * 1024, cap]) {
    await t.inspector.service.call('config.set', { capture: { maxBodyBytes } });
    try {
      const { id, res } = await startSlow('/v1/chat/completions', gz, { 'content-encoding': 'gzip' });
      const body = await readFirstChunk(res);
      const live = await get(id);
      assert.equal(live.state, 'streaming');
      assert.equal(live.request.contentEncoding, 'gzip');
      assert.equal(live.request.bytes, gz.length);
      if (maxBodyBytes === cap) {
        // the wire bytes were cut at the cap, so only the prefix they decode to is kept
        assert.equal(live.request.truncated, true);
        assert.ok(live.request.storedBytes > 0 && live.request.storedBytes <= cap, `${live.request.storedBytes} bytes kept`);
        assert.ok(live.request.body !== null && big.startsWith(live.request.body));
      } else {
        assert.equal(live.request.truncated, false);
        assert.equal(live.request.body, big);
        assert.equal(live.llm?.request?.model, 'gpt-4o-mini');
        assert.equal(textOf(live.llm?.request?.messages[0]), words);
      }
      await body.rest();
      await t.waitFinished((e) => e.id === id);
      const stored = await get(id);
      assert.equal(stored.state, 'complete');
      assert.deepEqual(live.request, stored.request);
    } finally {
      await t.inspector.service.call('config.set', { capture: { maxBodyBytes: 10 * 1024 * 1024 } });
    }
  }
});

test('an unknown id is still not found', async () => {
  await assert.rejects(get(987_654), /No exchange 987654/);
});
