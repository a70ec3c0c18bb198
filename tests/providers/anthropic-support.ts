// Helpers for the Anthropic / Bedrock provider tests: recognition + parse context from a URL, feeding chunks, and
// checking a parse against a MANIFEST entry.
import assert from 'node:assert/strict';
import type { ContentPart, LlmResponse } from '../../src-main/contract/index.js';
import { anthropicMessages } from '../../src-main/providers/anthropic-messages.js';
import { bedrockConverse } from '../../src-main/providers/bedrock-converse.js';
import type { ParseContext, ProviderModule } from '../../src-main/providers/provider-module.js';
import type { ManifestEntry } from '../support/fixtures.js';
export { splitAt } from '../support/chunks.js';

export const MODULES: ProviderModule[] = [anthropicMessages, bedrockConverse];

/** Recognises `method url` (exactly one of the two modules must claim it) and builds the parse context. */
export function contextFor(url: string, opts: { status?: number; body?: unknown; method?: string } = {}): { module: ProviderModule; ctx: ParseContext } {
  const u = new URL(url);
  const input = { method: opts.method ?? 'POST', host: u.host, path: u.pathname, query: u.searchParams, headers: [], body: opts.body ?? null };
  const hits = MODULES.map((m) => ({ m, r: m.recognise(input) })).filter((x) => x.r !== null);
  if (hits.length !== 1) throw new Error(`${url}: recognised by ${hits.length} modules`);
  const { m, r } = hits[0]!;
  const model = /\/(?:models|model)\/([^/:]+)(?::|\/)/.exec(u.pathname)?.[1];
  return {
    module: m,
    ctx: { ...r!, host: u.host, path: u.pathname, query: u.searchParams, urlModel: model ? decodeURIComponent(model) : null, status: opts.status ?? 200 },
  };
}

/** Feeds chunks (arrival time = index unless given) through the module's stream parser. */
export function feed(
  module: ProviderModule,
  ctx: ParseContext,
  contentType: string,
  chunks: Uint8Array[],
  times?: number[],
): { res: LlmResponse; first: number | null; snapshot: LlmResponse } {
  const p = module.streamParser(ctx, contentType);
  if (!p) throw new Error(`${module.id}: no stream parser for ${contentType}`);
  chunks.forEach((c, i) => p.push(c, times?.[i] ?? i));
  const snapshot = p.snapshot();
  const res = p.end();
  return { res, first: p.firstContentAtMs, snapshot };
}


export function textOf(res: LlmResponse): string {
  return (res.message?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** Manifest block labels ("text", "thinking", "tool_use:get_weather", "x_tool_result") for the parsed parts. */
function blockLabel(p: ContentPart, withName: boolean): string {
  if (p.type === 'tool_call') {
    const kind = p.id?.startsWith('srvtoolu_') ? 'server_tool_use' : 'tool_use';
    return withName ? `${kind}:${p.name}` : kind;
  }
  if (p.type === 'tool_result') return `${p.name ?? 'tool'}_tool_result`;
  return p.type;
}

/** Checks usage (every field the manifest lists; totalTokens = input + output when not listed) and parsed facts. */
export function checkAgainstManifest(entry: ManifestEntry, res: LlmResponse): void {
  if (entry.normalized) {
    assert.ok(res.usage, `${entry.file}: usage`);
    for (const [k, v] of Object.entries(entry.normalized)) assert.equal(res.usage[k as keyof typeof entry.normalized], v, `${entry.file}: ${k}`);
    if (entry.normalized.totalTokens === undefined) assert.equal(res.usage.totalTokens, (res.usage.inputTokens ?? 0) + (res.usage.outputTokens ?? 0));
    if (entry.normalized.reasoningTokens === undefined) assert.equal(res.usage.reasoningTokens, null, `${entry.file}: reasoning`);
    assert.equal(res.usage.source, 'provider');
  } else {
    assert.equal(res.usage, null, `${entry.file}: no usage`);
  }
  const parsed = entry.parsed ?? {};
  if (typeof parsed['model'] === 'string') assert.equal(res.responseModel, parsed['model'], `${entry.file}: model`);
  if (typeof parsed['stop_reason'] === 'string') assert.equal(res.finishReason, parsed['stop_reason'], `${entry.file}: finish`);
  if (typeof parsed['error'] === 'string') {
    assert.equal(res.error?.type, parsed['error'], `${entry.file}: error`);
    assert.equal(res.complete, entry.streaming ? false : true, `${entry.file}: complete`);
  } else {
    assert.equal(res.error, null, `${entry.file}: no error`);
    assert.equal(res.complete, true, `${entry.file}: complete`);
  }
  const blocks = parsed['blocks'];
  if (Array.isArray(blocks)) {
    const parts = res.message?.parts ?? [];
    const expected = blocks.map(String);
    const named = expected.some((b) => b.includes(':'));
    assert.deepEqual(parts.map((p) => blockLabel(p, named)), expected, `${entry.file}: blocks`);
    if (expected.includes('thinking')) {
      const t = parts.find((p) => p.type === 'thinking');
      assert.ok(t && t.type === 'thinking' && t.text.length > 0 && t.signature, `${entry.file}: thinking with signature`);
    }
  }
  const inputs = parsed['tool_inputs_parse'];
  if (Array.isArray(inputs)) {
    const calls = (res.message?.parts ?? []).filter((p) => p.type === 'tool_call');
    assert.deepEqual(
      calls.map((c) => (c.type === 'tool_call' && c.parsed !== null ? 'ok' : 'truncated')),
      inputs,
      `${entry.file}: tool inputs`,
    );
  }
}
