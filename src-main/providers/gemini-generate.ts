import type { ContentPart, LlmMessage, LlmRequest, LlmResponse } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput, StreamParser } from './provider-module.js';
import { arr, isObj, jsonArrayFramer, sseFramer, str, tryJson, type Framer } from './stream-framing.js';
import { emptyResponse, stringRecord } from './openai-usage.js';
import {
  appendMerged,
  countTokensUsage,
  geminiContentToMessage,
  geminiError,
  geminiPartToParts,
  geminiToolDefs,
  geminiUsage,
  PartialArgs,
  partialCallPart,
} from './gemini-parts.js';

/**
 * Google Gemini API (generativelanguage.googleapis.com) and Vertex AI Gemini (`publishers/google/models/…`):
 * generateContent, streamGenerateContent (SSE with `?alt=sse`, else one incrementally delivered JSON array) and
 * countTokens. The model is only in the URL. provider-formats §5.
 */

const GEMINI_PATH = /^(?:\/[^/]+)*?\/(?:v1|v1beta|v1alpha)\/(?:models|tunedModels)\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;
const VERTEX_PATH =
  /^(?:\/[^/]+)*?\/(?:v1|v1beta1)\/(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens)$/;

const APIS: Record<string, string> = {
  generateContent: 'gemini.generateContent',
  streamGenerateContent: 'gemini.streamGenerateContent',
  countTokens: 'gemini.countTokens',
};

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function matchPath(path: string): { provider: string; model: string; method: string } | null {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const v = VERTEX_PATH.exec(p);
  if (v?.[1] && v[2]) return { provider: 'vertex-ai', model: decode(v[1]), method: v[2] };
  const g = GEMINI_PATH.exec(p);
  if (g?.[1] && g[2]) return { provider: 'gemini', model: decode(g[1]), method: g[2] };
  return null;
}

function parseGeminiRequest(body: unknown, ctx: ParseContext): LlmRequest {
  let b = isObj(body) ? body : {};
  // countTokens may wrap a whole generateContent request
  if (isObj(b['generateContentRequest'])) b = { ...b['generateContentRequest'], ...b };
  const bodyModel = str(b['model']);
  const model = ctx.urlModel ?? matchPath(ctx.path)?.model ?? (bodyModel ? bodyModel.replace(/^models\//, '') : null);
  const parameters: Record<string, unknown> = {};
  if (isObj(b['generationConfig'])) Object.assign(parameters, b['generationConfig']);
  for (const k of ['toolConfig', 'safetySettings', 'cachedContent', 'responseModalities']) if (b[k] !== undefined) parameters[k] = b[k];
  const messages: LlmMessage[] = [];
  const sys = b['systemInstruction'] ?? b['system_instruction'];
  if (sys !== undefined && sys !== null) {
    const m = geminiContentToMessage(sys, 'system');
    if (m) messages.push({ role: 'system', parts: m.parts });
  }
  const contents = b['contents'];
  for (const c of Array.isArray(contents) ? contents : contents !== undefined ? [contents] : []) {
    const m = geminiContentToMessage(c);
    if (m) messages.push(m);
  }
  return {
    model,
    stream: ctx.api === 'gemini.streamGenerateContent',
    parameters,
    messages,
    tools: geminiToolDefs(b['tools']),
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: stringRecord(b['labels']) },
  };
}

interface OpenCall {
  pos: number;
  id: string | null;
  name: string;
  args: PartialArgs;
}

/** Reassembles candidate 0 from whole responses or stream chunks (each a GenerateContentResponse). */
class GeminiReply {
  readonly res: LlmResponse = emptyResponse();
  private parts: ContentPart[] = [];
  private open: OpenCall | null = null;
  private sawCandidate = false;
  /** a finishReason arrived and no candidate content followed it */
  finished = false;

  /** Applies one chunk; true when it carried content (text, thinking, a tool call). */
  onChunk(chunk: unknown): boolean {
    const err = geminiError(chunk);
    if (err) {
      this.res.error = err;
      return false;
    }
    if (!isObj(chunk)) return false;
    const model = str(chunk['modelVersion']) || str(chunk['model']);
    if (model) this.res.responseModel = model;
    const id = str(chunk['responseId']);
    if (id) this.res.responseId = id;
    const um = chunk['usageMetadata'];
    const usage = geminiUsage(um);
    if (usage) {
      this.res.usage = usage;
      this.res.rawUsage = um;
    } else if (isObj(um) && this.res.usage === null) this.res.rawUsage = um;
    let content = false;
    const cands = arr(chunk['candidates']).filter(isObj);
    const cand = cands.find((c) => (typeof c['index'] === 'number' ? c['index'] : 0) === 0);
    if (cand) {
      this.sawCandidate = true;
      const c = cand['content'];
      for (const p of isObj(c) ? arr(c['parts']) : []) if (this.onPart(p)) content = true;
      if (content) this.finished = false;
      const fr = str(cand['finishReason']);
      if (fr) {
        this.res.finishReason = fr;
        this.finished = true;
      }
      this.citations(cand);
    }
    const fb = chunk['promptFeedback'];
    const block = isObj(fb) ? str(fb['blockReason']) : null;
    if (block && !cand) {
      this.res.finishReason = block;
      this.finished = true;
    }
    return content;
  }

  private citations(cand: Record<string, unknown>): void {
    const add = (u: string | null) => {
      if (u && !this.res.citations.includes(u)) this.res.citations.push(u);
    };
    const cm = cand['citationMetadata'];
    if (isObj(cm)) for (const c of arr(cm['citations'] ?? cm['citationSources'])) if (isObj(c)) add(str(c['uri']));
    const gm = cand['groundingMetadata'];
    if (isObj(gm)) {
      for (const g of arr(gm['groundingChunks'])) {
        if (isObj(g)) add(isObj(g['web']) ? str(g['web']['uri']) : isObj(g['retrievedContext']) ? str(g['retrievedContext']['uri']) : null);
      }
    }
  }

  private onPart(p: unknown): boolean {
    if (!isObj(p)) return false;
    const fc = p['functionCall'];
    if (isObj(fc)) return this.onFunctionCall(p, fc);
    const parts = geminiPartToParts(p);
    appendMerged(this.parts, parts);
    return parts.some((x) => (x.type === 'text' || x.type === 'thinking' ? x.text !== '' : x.type !== 'tool_result'));
  }

  /** Whole calls, and Vertex streamFunctionCallArguments: name + willContinue, partialArgs pieces, then `{}`. */
  private onFunctionCall(p: Record<string, unknown>, fc: Record<string, unknown>): boolean {
    const name = str(fc['name']);
    const pieces = arr(fc['partialArgs']);
    const willContinue = fc['willContinue'] === true;
    const sig = str(p['thoughtSignature']) || null;
    if (sig) appendMerged(this.parts, [{ type: 'thinking', text: '', signature: sig, redacted: true }]);
    if (!name && this.open) {
      const open = this.open;
      for (const piece of pieces) open.args.apply(piece);
      this.parts[open.pos] = partialCallPart(open.id, open.name, open.args.value);
      if (!willContinue) this.open = null;
      return pieces.length > 0;
    }
    if (!name && pieces.length === 0 && fc['args'] === undefined) return false; // the closing `{}`
    if (fc['args'] === undefined && (willContinue || pieces.length > 0)) {
      const open: OpenCall = { pos: this.parts.length, id: str(fc['id']), name: name ?? '', args: new PartialArgs() };
      for (const piece of pieces) open.args.apply(piece);
      this.parts.push(partialCallPart(open.id, open.name, open.args.value));
      this.open = willContinue ? open : null;
      return true;
    }
    this.open = null;
    appendMerged(this.parts, geminiPartToParts({ functionCall: fc }));
    return true;
  }

  build(complete: boolean): LlmResponse {
    const message: LlmMessage | null = this.sawCandidate || this.parts.length > 0 ? { role: 'assistant', parts: this.parts.map((x) => ({ ...x })) } : null;
    return {
      ...this.res,
      message,
      citations: [...this.res.citations],
      error: this.res.error ? { ...this.res.error } : null,
      complete,
    };
  }
}

function parseGeminiResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const isCount = ctx.api === 'gemini.countTokens' || (isObj(body) && typeof body['totalTokens'] === 'number' && !('candidates' in body));
  if (isCount && geminiError(body) === null) {
    const res = emptyResponse();
    res.usage = countTokensUsage(body);
    res.rawUsage = isObj(body) ? body : null;
    res.complete = true;
    return res;
  }
  const reply = new GeminiReply();
  for (const chunk of Array.isArray(body) ? body : [body]) reply.onChunk(chunk);
  return reply.build(true);
}

type Mode = 'sse' | 'array' | 'whole';

/**
 * Streamed responses: SSE (`?alt=sse`, text/event-stream) or the JSON array (application/json). The first non-blank
 * byte decides the framing rather than the content type alone, because errors come back as a plain JSON object (or
 * array) even under an event-stream content type (gemini/error-404-model-not-found.json).
 */
function createGeminiStreamParser(): StreamParser {
  const reply = new GeminiReply();
  let mode: Mode | null = null;
  let framer: Framer | null = null;
  const pending: Uint8Array[] = [];
  const wholeDecoder = new TextDecoder();
  let whole = '';
  let at = 0;
  let first: number | null = null;
  let ended = false;
  let final: LlmResponse | null = null;

  const onValue = (v: unknown) => {
    if (reply.onChunk(v) && first === null) first = at;
  };

  const choose = (chunk: Uint8Array): Mode | null => {
    for (const byte of chunk) {
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0xef || byte === 0xbb || byte === 0xbf) continue;
      if (byte === 0x5b /* [ */) return 'array';
      if (byte === 0x7b /* { */) return 'whole';
      return 'sse';
    }
    return null;
  };

  const feed = (chunk: Uint8Array) => {
    if (mode === 'whole') whole += wholeDecoder.decode(chunk, { stream: true });
    else framer?.push(chunk);
  };

  return {
    push(chunk, atMs) {
      if (ended) return;
      at = atMs;
      try {
        if (mode === null) {
          pending.push(chunk);
          mode = choose(chunk);
          if (mode === null) return;
          if (mode === 'sse') framer = sseFramer((e) => onValue(tryJson(e.data)));
          else if (mode === 'array') framer = jsonArrayFramer(onValue);
          for (const c of pending.splice(0)) feed(c);
          return;
        }
        feed(chunk);
      } catch {
        // never throw into the capture path
      }
    },
    get firstContentAtMs() {
      return first;
    },
    snapshot: () => final ?? reply.build(false),
    end() {
      if (final) return final;
      ended = true;
      try {
        if (mode === 'whole') {
          whole += wholeDecoder.decode();
          const json = tryJson(whole.trim());
          if (Array.isArray(json)) json.forEach(onValue);
          else if (json !== undefined) onValue(json);
        } else framer?.end();
      } catch {
        // ignore
      }
      final = reply.build(reply.finished && reply.res.error === null);
      return final;
    },
  };
}

export const geminiGenerate: ProviderModule = {
  id: 'gemini.generateContent',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST') return null;
    const m = matchPath(input.path);
    if (!m) return null;
    return { provider: m.provider, api: APIS[m.method] ?? 'gemini.generateContent' };
  },
  parseRequest: parseGeminiRequest,
  streamParser(_ctx, contentType) {
    if (contentType !== null && !/event-stream|json|text\/plain/i.test(contentType)) return null;
    return createGeminiStreamParser();
  },
  parseResponse: parseGeminiResponse,
};
