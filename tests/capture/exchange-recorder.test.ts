// The recorder as the service looks at an exchange in flight: inspect() copies what is held so far (never what was
// handed to the store), and watchReply() starts a live reply parse late, replaying the bytes that already arrived.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ExchangeRecorder, loadProviders, type CaptureSink, type InFlightExchange, type LiveUpdate } from '../../src-main/capture/index.js';
import type { LlmMessage } from '../../src-main/contract/index.js';
import type { BeginOp, FinishOp } from '../../src-main/ingest/index.js';

const BODY = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
const sse = (delta: object, finish: string | null = null) =>
  Buffer.from(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);

class FakeSink implements CaptureSink {
  private id = 0;
  exchange: InFlightExchange | undefined;
  updates: LiveUpdate[] = [];
  finished: FinishOp[] = [];
  replies: { message: LlmMessage | null; complete: boolean }[] = [];
  constructor(private readonly watching = false) {}
  nextId() {
    return ++this.id;
  }
  begin(_op: BeginOp, exchange?: InFlightExchange) {
    this.exchange = exchange;
  }
  update(_op: BeginOp, live: LiveUpdate) {
    this.updates.push(live);
  }
  finish(op: FinishOp) {
    this.finished.push(op);
  }
  wantsLiveReplies() {
    return this.watching;
  }
  reply(_id: number, message: LlmMessage | null, _first: number | null, complete: boolean) {
    this.replies.push({ message, complete });
  }
}

const textOf = (m: LlmMessage | null | undefined) => (m?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');

function recorder(sink: FakeSink, cap = 1 << 20): ExchangeRecorder {
  return new ExchangeRecorder(
    sink,
    { mode: 'mitm', method: 'POST', url: 'https://api.openai.com/v1/chat/completions', host: 'api.openai.com', path: '/v1/chat/completions', requestHeaders: [['content-type', 'application/json']] },
    cap,
  );
}

before(async () => {
  // loaded up front so a late live parse attaches at once (the service awaits the same loader)
  assert.ok(await loadProviders());
});

test('inspect(): state and bodies so far; after the hand-off to the store, no bodies', () => {
  const sink = new FakeSink();
  const rec = recorder(sink);
  assert.equal(sink.exchange, rec, 'the sink gets the recorder to look at');
  rec.requestData(BODY.subarray(0, 10));
  rec.requestData(BODY.subarray(10));
  let v = rec.inspect();
  assert.equal(v.live.state, 'pending');
  assert.equal(v.live.status, null);
  assert.deepEqual(Buffer.from(v.request.raw!), BODY);
  assert.equal(v.request.bytes, BODY.length);
  assert.equal(v.response.raw, null);
  assert.equal(v.reply, null);

  rec.responseStarted(200, [['Content-Type', 'text/event-stream']]);
  rec.responseData(sse({ role: 'assistant', content: '' }));
  rec.responseData(sse({ content: 'Hel' }));
  v = rec.inspect();
  assert.equal(v.live.state, 'streaming');
  assert.equal(v.live.status, 200);
  assert.equal(v.live.stream, true);
  assert.equal(v.response.contentType, 'text/event-stream');
  assert.equal(Buffer.from(v.response.raw!).toString(), Buffer.concat([sse({ role: 'assistant', content: '' }), sse({ content: 'Hel' })]).toString());
  assert.equal(v.response.chunkTimes?.length, 4);
  assert.equal(v.reply, null, 'nobody watched: no live parse');
  assert.equal(sink.replies.length, 0);

  rec.complete();
  assert.deepEqual(Buffer.from(sink.finished[0]!.request.raw!), BODY);
  v = rec.inspect();
  assert.equal(v.request.raw, null, 'the bytes went to the store: none shown (not zeroes)');
  assert.equal(v.response.raw, null);
});

test('watchReply() mid-stream replays what arrived, then follows the stream to the complete reply', () => {
  const sink = new FakeSink();
  const rec = recorder(sink);
  rec.requestData(BODY);
  rec.responseStarted(200, [['content-type', 'text/event-stream']]);
  rec.responseData(sse({ role: 'assistant', content: '' }));
  rec.responseData(sse({ content: 'Hello' }));
  rec.watchReply();
  assert.equal(textOf(rec.inspect().reply?.response.message), 'Hello', 'the replayed bytes are parsed at once');
  assert.ok(sink.replies.length >= 1);
  rec.responseData(sse({ content: ' world' }));
  rec.responseData(sse({}, 'stop'));
  rec.responseData(Buffer.from('data: [DONE]\n\n'));
  rec.watchReply(); // a second call changes nothing
  rec.complete();
  const last = sink.replies.at(-1)!;
  assert.equal(last.complete, true);
  assert.equal(textOf(last.message), 'Hello world');
});

test('watchReply() before the response: the parse starts with the stream even though nobody watches', () => {
  const sink = new FakeSink();
  const rec = recorder(sink);
  rec.requestData(BODY);
  rec.watchReply();
  rec.responseStarted(200, [['content-type', 'text/event-stream']]);
  rec.responseData(sse({ content: 'Hi' }));
  assert.equal(textOf(rec.inspect().reply?.response.message), 'Hi');
});

test('watchReply() does nothing for bodies that lost bytes to the cap, compressed streams, or whole bodies', () => {
  const capped = new FakeSink();
  const a = recorder(capped, 40);
  a.responseStarted(200, [['content-type', 'text/event-stream']]);
  a.responseData(sse({ content: 'Hello' }));
  a.watchReply();
  assert.equal(a.inspect().reply, null);
  assert.equal(a.inspect().response.truncated, true);

  const gz = new FakeSink();
  const b = recorder(gz);
  b.responseStarted(200, [['content-type', 'text/event-stream'], ['content-encoding', 'gzip']]);
  b.watchReply();
  assert.equal(b.inspect().reply, null);

  const whole = new FakeSink();
  const c = recorder(whole);
  c.responseStarted(200, [['content-type', 'application/json']]);
  c.responseData(Buffer.from('{"id":'));
  c.watchReply();
  assert.equal(c.inspect().reply, null);
  assert.equal(Buffer.from(c.inspect().response.raw!).toString(), '{"id":');
  for (const s of [capped, gz, whole]) assert.equal(s.replies.length, 0);
});
