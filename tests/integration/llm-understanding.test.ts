// LLM understanding end to end: every recorded fixture is replayed by a local provider through the MITM proxy, and the
// stored exchange must carry the MANIFEST's facts — provider and API recognised, the exact normalised usage, the
// response model and finish reason — with a cost where the price data knows the model. The multi-call `.exchange.json`
// fixtures (agent tool loops) must land in one conversation with turns 1..n.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import type { ExchangeSummary } from '../../src-main/contract/index.js';
import { providerRoutesForAllFixtures, startProvider, type FakeProvider, type FixtureCase } from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';
import { apiFamily, assertLlmFacts } from '../harness/llm-facts.js';

const CALL_HEADER = 'x-llmi-test-call';
const cases = providerRoutesForAllFixtures();
let tls: FakeProvider;
let plain: FakeProvider;
let t: TestInspector;
const claimed = new Set<number>();

before(async () => {
  const routes = [...cases.values()].map((c) => c.route);
  tls = await startProvider({ routes });
  plain = await startProvider({ routes, tls: false });
  t = await startTestInspector({
    providerPort: tls.port,
    hostMap: { localhost: `127.0.0.1:${plain.port}` },
    config: { mitm: { extraHosts: ['localhost'] } },
  });
});

after(async () => {
  await t?.close();
  await tls?.close();
  await plain?.close();
});

async function call(c: FixtureCase, i: number): Promise<ExchangeSummary> {
  const req = c.requests[i]!;
  const callId = `${c.file}#${i}`;
  const res = await request(req.url, { method: req.method as 'POST', dispatcher: t.dispatcher, headers: { ...req.headers, [CALL_HEADER]: callId }, body: req.body });
  await res.body.arrayBuffer();
  const seen = new Set<number>();
  for (;;) {
    const x = await t.waitFinished((e) => e.url === req.url && !claimed.has(e.id) && !seen.has(e.id));
    seen.add(x.id);
    const d = await t.inspector.service.api['exchanges.get']({ id: x.id });
    if (d.request.headers.some(([k, v]) => k.toLowerCase() === CALL_HEADER && v === callId)) {
      claimed.add(x.id);
      return x;
    }
  }
}


describe('every fixture is understood', { concurrency: 4 }, () => {
  for (const c of cases.values()) {
    if (c.entry.format === 'exchange') continue;
    test(c.file, async () => {
      const x = await call(c, 0);
      const e = c.entry;
      const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
      assertLlmFacts(x, detail, e);
      const family = apiFamily;
      if (e.parsed?.['error'] !== undefined && x.status === 200) {
        assert.equal(x.state, 'error', `${c.file}: an error event inside a 200 stream fails the exchange`);
        assert.equal(x.error?.code, 'provider_error');
      }
      if (!e.normalized && x.status === 200 && /\.(chat|messages|generateContent)$/.test(family(x.api ?? ''))) {
        // no usage on the wire (stream without include_usage, cut stream): a tokenizer estimate, marked as such
        assert.equal(x.usage?.source, 'estimated', `${c.file}: estimated usage`);
        assert.ok((x.usage?.outputTokens ?? 0) > 0, `${c.file}: estimated output tokens`);
      }
      if (x.usage && x.usage.source === 'provider' && /^(openai|anthropic)$/.test(x.provider ?? '') && x.status === 200) {
        assert.ok(x.costUsd === null || x.costUsd >= 0, `${c.file}: cost is a price or unknown, never negative`);
      }
    });
  }
});

describe('recorded agent loops form one conversation each', () => {
  for (const c of cases.values()) {
    if (c.entry.format !== 'exchange') continue;
    test(c.file, async () => {
      const xs: ExchangeSummary[] = [];
      for (let i = 0; i < c.requests.length; i++) xs.push(await call(c, i));
      const ids = new Set(xs.map((x) => x.conversationId));
      assert.equal(ids.size, 1, `${c.file}: one conversation (${[...ids].join(', ')})`);
      assert.ok(xs[0]?.conversationId);
      assert.deepEqual(xs.map((x) => x.turn), xs.map((_, i) => i + 1), `${c.file}: turns in order`);
    });
  }
});
