// A streamed LLM reply grows live: while someone watches, the forwarding side parses the stream as it is tee'd and
// emits throttled `exchange.reply` events whose text only grows, ending with the complete reply.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import type { ServiceEventPayload } from '../../src-main/contract/index.js';
import { fixtureReply, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

let provider: FakeProvider;
let t: TestInspector;

before(async () => {
  provider = await startProvider({
    routes: [{ method: 'POST', path: '/v1/messages', respond: fixtureReply('anthropic/messages-text.sse', { chunkDelayMs: 40 }) }],
  });
  t = await startTestInspector({ providerPort: provider.port });
});

after(async () => {
  await t.close();
  await provider.close();
});

const textOf = (e: ServiceEventPayload<'exchange.reply'>) =>
  (e.message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');

test('watched streams emit growing replies; the last one is complete and matches the stored parse', async () => {
  const replies: ServiceEventPayload<'exchange.reply'>[] = [];
  const off = t.inspector.service.events.on('exchange.reply', (e) => replies.push(e));
  try {
    const res = await request('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      dispatcher: t.dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await res.body.arrayBuffer();
    const x = await t.waitFinished((e) => e.path === '/v1/messages');
    assert.ok(replies.length >= 2, `several live updates (${replies.length})`);
    const texts = replies.map(textOf);
    for (let i = 1; i < texts.length; i++) assert.ok(texts[i]!.startsWith(texts[i - 1]!), 'the live text only grows');
    const last = replies.at(-1)!;
    assert.equal(last.id, x.id);
    assert.equal(last.complete, true);
    assert.ok(last.firstContentAtMs !== null && last.firstContentAtMs > 0);
    const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
    const stored = (detail.llm?.response?.message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
    assert.equal(textOf(last), stored);
    assert.ok(x.timings.ttftMs !== null && x.timings.ttfbMs !== null && x.timings.ttftMs >= x.timings.ttfbMs, 'TTFT is the first content token, after the first byte');
  } finally {
    off();
  }
});

test('nobody watching: no live parsing at all', async () => {
  const before = t.finished.length;
  const res = await request('https://api.anthropic.com/v1/messages', {
    method: 'POST', dispatcher: t.dispatcher, headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'again' }] }),
  });
  await res.body.arrayBuffer();
  await t.waitFinished((e) => e.path === '/v1/messages' && t.finished.indexOf(e) >= before);
  assert.equal(t.inspector.service.events.watchedReplies, false);
});
