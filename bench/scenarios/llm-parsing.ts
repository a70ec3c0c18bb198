// 8. LLM understanding: what parsing costs per exchange (a 100 KB stream and a 2 KB JSON reply, through the same
// analyser the ingest worker runs: parse, usage, cost, conversation), and whether conversation matching stays O(1)
// per call as the number of calls grows to 100k. In-process, after the children are gone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LlmAnalyser } from '../../src-main/analysis/index.js';
import { ConfigSchema } from '../../src-main/contract/index.js';
import { measureAssign } from '../../src-main/conversations/index.js';
import type { ProviderInput } from '../../src-main/providers/index.js';
import { num, type Row } from '../report.js';
import type { BenchContext, ScenarioOutput } from './context.js';

function input(root: string, fixture: string, stream: boolean, id: number): ProviderInput {
  const body = readFileSync(join(root, 'tests', 'fixtures', 'providers', fixture));
  const request = Buffer.from(JSON.stringify({ model: 'gpt-4.1-nano', stream, messages: [{ role: 'user', content: `question ${id}` }] }));
  return {
    exchangeId: id,
    method: 'POST',
    host: 'api.openai.com',
    path: '/v1/chat/completions',
    url: 'https://api.openai.com/v1/chat/completions',
    status: 200,
    requestHeaders: [['content-type', 'application/json']],
    responseHeaders: [['content-type', stream ? 'text/event-stream' : 'application/json']],
    requestBody: request,
    responseBody: body,
    contentType: stream ? 'text/event-stream' : 'application/json',
    startedAt: Date.now(),
    // one recorded chunk per SSE event, as the capture stage would have seen them
    responseChunkTimes: stream ? chunkTimes(body) : null,
  };
}

function chunkTimes(body: Buffer): number[] {
  const out: number[] = [0, 0];
  let at = 1;
  for (let i = body.indexOf('\n\n'); i !== -1 && i + 2 < body.length; i = body.indexOf('\n\n', i + 2)) out.push(i + 2, at++);
  return out;
}

function perCallUs(analyser: LlmAnalyser, make: (i: number) => ProviderInput, n: number): number {
  const inputs = Array.from({ length: n }, (_, i) => make(i + 1));
  for (let i = 0; i < Math.min(20, n); i++) analyser.analyse(inputs[i]!);
  const t0 = performance.now();
  for (const x of inputs) analyser.analyse(x);
  return ((performance.now() - t0) * 1000) / n;
}

export async function llmParsingScenario(ctx: BenchContext, rootDir: string): Promise<ScenarioOutput> {
  const cfg = ConfigSchema.parse({});
  const analyser = new LlmAnalyser({ pricing: cfg.pricing, conversations: cfg.conversations });
  const n = ctx.quick ? 200 : 1000;
  const streamUs = perCallUs(analyser, (i) => input(rootDir, 'openai/chat-text-include-usage.sse', true, i), n / 4);
  const jsonUs = perCallUs(analyser, (i) => input(rootDir, 'openai/chat-text.json', false, 1_000_000 + i), n);
  const small = measureAssign(10_000);
  const large = measureAssign(100_000);
  const proxyUs = ctx.proxiedCpuPerRequestUs ?? null;
  const rows: Row[] = [
    {
      scenario: '8. LLM analysis per exchange: 100 KB SSE stream (openai chat, 316 events)',
      direct: '—',
      proxied: `${num(streamUs)} µs`,
      ratio: '—',
      target: '—',
      met: null,
    },
    {
      scenario: '8. LLM analysis per exchange: 2.6 KB JSON reply',
      direct: '—',
      proxied: `${num(jsonUs)} µs`,
      // runs in the ingest worker, beside the forwarding thread; its effect on throughput is row 8 (parsing off vs on)
      ratio: proxyUs ? `${num((jsonUs / proxyUs) * 100, 1)}% of the inspector's ${num(proxyUs)} µs/req (worker thread)` : '—',
      target: '—',
      met: null,
    },
    {
      scenario: '8. conversation matching per call at 10k vs 100k calls',
      direct: `${num(small.perCallUs, 1)} µs (10k)`,
      proxied: `${num(large.perCallUs, 1)} µs (100k)`,
      ratio: `${num(large.perCallUs / small.perCallUs, 2)}×`,
      target: 'O(1): ≈ 1×',
      met: large.perCallUs / small.perCallUs < 1.5,
    },
  ];
  return { rows, data: { streamUs, jsonUs, proxyUs, assign10k: small, assign100k: large } };
}
