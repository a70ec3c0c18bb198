// Shared helpers for the Gemini provider tests.
import assert from 'node:assert/strict';
import type { ContentPart, LlmResponse } from '../../src-main/contract/index.js';
import type { ParseContext } from '../../src-main/providers/provider-module.js';
import { geminiGenerate } from '../../src-main/providers/gemini-generate.js';
import { fixtureBytes, splitJsonArrayStream, splitSseEvents, type ManifestEntry } from '../support/fixtures.js';
export { splitAt } from '../support/chunks.js';
export const USAGE_KEYS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'totalTokens'] as const;

export function rec(method: string, host: string, path: string) {
  return geminiGenerate.recognise({ method, host, path, query: new URLSearchParams(), headers: [], body: null });
}

export function ctxFor(url: string, status = 200): ParseContext {
  const u = new URL(url);
  const r = rec('POST', u.host, u.pathname);
  if (!r) throw new Error(`not recognised: ${url}`);
  const m = /\/(?:models|tunedModels)\/([^/:]+):/.exec(u.pathname);
  return { ...r, host: u.host, path: u.pathname, query: u.searchParams, urlModel: m?.[1] ? decodeURIComponent(m[1]) : null, status };
}


export function feed(ctx: ParseContext, contentType: string, chunks: Uint8Array[]): { res: LlmResponse; first: number | null } {
  const p = geminiGenerate.streamParser(ctx, contentType);
  assert.ok(p, 'stream parser');
  chunks.forEach((c, i) => {
    p.push(c, 10 + i);
    p.snapshot();
  });
  const res = p.end();
  return { res, first: p.firstContentAtMs };
}

/** Content type and chunks the fake provider would serve the fixture with. */
export function served(e: ManifestEntry): { contentType: string; chunks: Uint8Array[] } | null {
  const bytes = fixtureBytes(e.file);
  if (e.format === 'sse') return { contentType: 'text/event-stream', chunks: splitSseEvents(bytes) };
  if (e.format === 'json-array-stream') return { contentType: 'application/json', chunks: splitJsonArrayStream(bytes) };
  if (e.request.raw.includes('content-type text/event-stream')) return { contentType: 'text/event-stream', chunks: [bytes] };
  return null;
}

export function parseFixture(e: ManifestEntry): { res: LlmResponse; first: number | null } {
  const ctx = ctxFor(e.request.concreteUrl, e.request.status);
  const s = served(e);
  if (s) return feed(ctx, s.contentType, s.chunks);
  return { res: geminiGenerate.parseResponse(JSON.parse(fixtureBytes(e.file).toString('utf8')), ctx), first: null };
}

/** The manifest's part notation: text, thought, functionCall:name (signature-only thinking parts are not parts). */
export function partKinds(parts: ContentPart[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const k =
      p.type === 'text' ? 'text' : p.type === 'thinking' ? (p.redacted ? null : 'thought') : p.type === 'tool_call' ? `functionCall:${p.name}` : null;
    if (k !== null && out[out.length - 1] !== k) out.push(k);
  }
  return out;
}

