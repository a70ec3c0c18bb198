// Helpers for the OpenAI-family provider tests: which module handles a manifest entry, its parse context, and feeding
// a body through a stream parser.
import type { ContentPart, LlmResponse } from '../../src-main/contract/index.js';
import type { ParseContext, ProviderModule } from '../../src-main/providers/provider-module.js';
import { openaiChat } from '../../src-main/providers/openai-chat.js';
import { openaiCompletions } from '../../src-main/providers/openai-completions.js';
import { openaiEmbeddings } from '../../src-main/providers/openai-embeddings.js';
import { openaiResponses } from '../../src-main/providers/openai-responses.js';
export { splitAt } from '../support/chunks.js';

export const OPENAI_MODULES: ProviderModule[] = [openaiChat, openaiResponses, openaiCompletions, openaiEmbeddings];

/** The provider folders whose fixtures these modules must parse. */
export const OPENAI_FAMILY = ['openai', 'azure-openai', 'deepseek', 'groq', 'mistral', 'xai', 'perplexity', 'lmstudio'];

/** Recognises `method url` with the OpenAI-family modules (exactly one must claim it) and builds its parse context. */
export function recogniseUrl(method: string, url: string, status = 200): { module: ProviderModule; ctx: ParseContext } {
  const u = new URL(url);
  const input = { method, host: u.host, path: u.pathname, query: u.searchParams, headers: [], body: null };
  const hits = OPENAI_MODULES.map((m) => ({ m, r: m.recognise(input) })).filter((x) => x.r !== null);
  if (hits.length !== 1) throw new Error(`${method} ${url}: recognised by ${hits.length} modules`);
  const { m, r } = hits[0]!;
  const dep = /\/deployments\/([^/]+)\//.exec(u.pathname);
  const ctx: ParseContext = {
    ...r!,
    host: u.host,
    path: u.pathname,
    query: u.searchParams,
    urlModel: dep?.[1] ? decodeURIComponent(dep[1]) : null,
    status,
  };
  return { module: m, ctx };
}

/** Feeds `chunks` (with arrival times = their index unless given) and returns the final parse. */
export function feed(module: ProviderModule, ctx: ParseContext, chunks: Uint8Array[], times?: number[]): { res: LlmResponse; first: number | null } {
  const p = module.streamParser(ctx, 'text/event-stream');
  if (!p) throw new Error(`${module.id}: no stream parser`);
  chunks.forEach((c, i) => p.push(c, times?.[i] ?? i));
  const res = p.end();
  return { res, first: p.firstContentAtMs };
}

/** Splits `buf` at the given (unsorted, possibly repeated) byte offsets. */

export function partsOf(res: LlmResponse, type: ContentPart['type']): ContentPart[] {
  return (res.message?.parts ?? []).filter((p) => p.type === type);
}

/** Characters (code points, as the manifest counts them) of the text parts. */
export function textChars(res: LlmResponse, type: 'text' | 'thinking' = 'text'): number {
  let n = 0;
  for (const p of partsOf(res, type)) if (p.type === 'text' || p.type === 'thinking') n += [...p.text].length;
  return n;
}

/** `name(arguments)` for each tool call, the manifest's notation. */
export function toolCallStrings(res: LlmResponse): string[] {
  return partsOf(res, 'tool_call').map((p) => (p.type === 'tool_call' ? `${p.name}(${p.arguments})` : ''));
}

/**
 * Byte offset before which a prefix of `buf` cannot hold the terminal event: the first non-null `finish_reason`,
 * `[DONE]`, or Responses `response.completed` / `response.incomplete`.
 */
export function terminalOffset(buf: Buffer): number {
  const marks = ['"finish_reason":"', 'data: [DONE]', 'response.completed', 'response.incomplete'].map((m) => buf.indexOf(m)).filter((i) => i >= 0);
  return marks.length ? Math.min(...marks) : buf.length;
}
