// Captures the recorded provider fixtures through the real proxy into a real store, for the export tests: every
// single-call fixture once, the recorded agent loops (`*.exchange.json`) in order, plus three composed scenarios made
// of recorded replies — an OpenAI-format tool loop (DeepSeek's recorded tool call with reasoning, then OpenAI's recorded
// text reply), the same prompt answered twice (a resend: DPO material) and a failed call.
import { join } from 'node:path';
import { request } from 'undici';
import type { ExchangeSummary } from '../../src-main/contract/index.js';
import {
  fixtureBytes,
  fixtureReply,
  FIXTURE_HEADER,
  providerRoutesForAllFixtures,
  startProvider,
  type FakeProvider,
  type FixtureCase,
  type Route,
} from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

const CALL_HEADER = 'x-llmi-test-call';

export interface CapturedCorpus {
  t: TestInspector;
  dbPath: string;
  /** fixture file (or composed scenario name) → exchanges captured for it, in call order */
  byCase: Map<string, ExchangeSummary[]>;
  close(): Promise<void>;
}

const tools = [{ type: 'function', function: { name: 'weather', description: 'Weather for a location', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }];
const loopStart = [
  { role: 'system', content: 'You are a weather assistant. Contact ops at ops-team@example.com or +1 415 555 0100.' },
  { role: 'user', content: 'What is the weather in San Francisco?' },
];

/** The composed scenarios: name → ordered calls (URL, fixture header, body) and the recorded reply each gets. */
function composed(): { name: string; calls: { url: string; body: unknown; reply: Route['respond'] }[] }[] {
  const deepseek = JSON.parse(fixtureBytes('deepseek/chat-tool-call-reasoning.json').toString('utf8')) as {
    choices: { message: { tool_calls: unknown[] } }[];
  };
  const call = deepseek.choices[0]!.message.tool_calls[0] as { id: string; function: { name: string; arguments: string } };
  const openai = 'https://api.openai.com/v1/chat/completions';
  return [
    {
      name: 'composed/openai-tool-loop',
      calls: [
        { url: openai, body: { model: 'gpt-4.1-nano', messages: loopStart, tools }, reply: fixtureReply('deepseek/chat-tool-call-reasoning.json') },
        {
          url: openai,
          body: {
            model: 'gpt-4.1-nano',
            tools,
            messages: [
              ...loopStart,
              { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: call.function }] },
              { role: 'tool', tool_call_id: call.id, content: '{"temp_c":18,"sky":"fog"}' },
            ],
          },
          reply: fixtureReply('openai/chat-text.json'),
        },
      ],
    },
    {
      name: 'composed/resend',
      calls: [
        { url: openai, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Write a haiku about fog.' }] }, reply: fixtureReply('openai/chat-structured.json') },
        { url: openai, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Write a haiku about fog.' }] }, reply: fixtureReply('openai/chat-text.json') },
      ],
    },
    {
      name: 'composed/failed',
      calls: [{ url: openai, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, reply: fixtureReply('openai/error-429-insufficient-quota.json') }],
    },
  ];
}

export async function captureCorpus(): Promise<CapturedCorpus> {
  const cases = providerRoutesForAllFixtures();
  const scenarios = composed();
  const extraRoutes: Route[] = scenarios.flatMap((s) =>
    s.calls.map((c, i) => ({ method: 'POST', path: new URL(c.url).pathname, match: (r) => r.header(FIXTURE_HEADER) === `${s.name}#${i}`, respond: c.reply })),
  );
  const routes = [...extraRoutes, ...[...cases.values()].map((c) => c.route)];
  const tls: FakeProvider = await startProvider({ routes });
  const plain: FakeProvider = await startProvider({ routes, tls: false });
  const t = await startTestInspector({
    providerPort: tls.port,
    hostMap: { localhost: `127.0.0.1:${plain.port}` },
    config: { mitm: { extraHosts: ['localhost'] } },
  });
  const claimed = new Set<number>();
  const send = async (url: string, method: string, headers: Record<string, string>, body: string, callId: string): Promise<ExchangeSummary> => {
    const res = await request(url, { method: method as 'POST', dispatcher: t.dispatcher, headers: { ...headers, [CALL_HEADER]: callId }, body });
    await res.body.arrayBuffer();
    const seen = new Set<number>();
    for (;;) {
      const x = await t.waitFinished((e) => e.url === url && !claimed.has(e.id) && !seen.has(e.id));
      seen.add(x.id);
      const d = await t.inspector.service.api['exchanges.get']({ id: x.id });
      if (d.request.headers.some(([k, v]) => k.toLowerCase() === CALL_HEADER && v === callId)) {
        claimed.add(x.id);
        return x;
      }
    }
  };
  const byCase = new Map<string, ExchangeSummary[]>();
  // one at a time, so conversation grouping and id order follow the recorded call order
  for (const c of cases.values() as Iterable<FixtureCase>) {
    const xs: ExchangeSummary[] = [];
    for (let i = 0; i < c.requests.length; i++) {
      const r = c.requests[i]!;
      xs.push(await send(r.url, r.method, r.headers, r.body, `${c.file}#${i}`));
    }
    byCase.set(c.file, xs);
  }
  for (const s of scenarios) {
    const xs: ExchangeSummary[] = [];
    for (let i = 0; i < s.calls.length; i++) {
      const c = s.calls[i]!;
      const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-test', [FIXTURE_HEADER]: `${s.name}#${i}` };
      xs.push(await send(c.url, 'POST', headers, JSON.stringify(c.body), `${s.name}#${i}`));
    }
    byCase.set(s.name, xs);
  }
  return {
    t,
    dbPath: join(t.dataDir, 'inspector.db'),
    byCase,
    async close() {
      await t.close();
      await tls.close();
      await plain.close();
    },
  };
}
