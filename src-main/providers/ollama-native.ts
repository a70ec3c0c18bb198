import type { ContentPart, LlmMessage, LlmRequest, LlmResponse, LlmRole, ToolDef, Usage } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput, StreamParser } from './provider-module.js';
import { arr, isObj, ndjsonFramer, num, str } from './stream-framing.js';
import { contentToString, emptyResponse, toolCallPart } from './openai-usage.js';

/**
 * Ollama's native API on any host: `/api/chat`, `/api/generate` (NDJSON streams by default) and `/api/embed`,
 * `/api/embeddings` (legacy). provider-formats §6. Counters are omitempty: a missing one is unknown (null), not 0.
 */

const PATHS: [RegExp, string][] = [
  [/\/api\/chat$/, 'ollama.chat'],
  [/\/api\/generate$/, 'ollama.generate'],
  [/\/api\/embed$/, 'ollama.embeddings'],
  [/\/api\/embeddings$/, 'ollama.embeddings'],
];

/** Request fields beside `options` that steer generation. */
const TOP_PARAMS = ['format', 'think', 'keep_alive', 'raw', 'suffix', 'template', 'truncate', 'dimensions'] as const;

const COUNTERS = ['prompt_eval_count', 'eval_count', 'total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'] as const;

function apiFor(path: string): string | null {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  for (const [re, api] of PATHS) if (re.test(p)) return api;
  return null;
}

/** Ollama images are bare base64; the media type is guessed from the magic bytes. */
function imageParts(images: unknown): ContentPart[] {
  const out: ContentPart[] = [];
  for (const img of arr(images)) {
    const data = str(img);
    if (data === null) continue;
    if (/^(data:|https?:)/i.test(data)) {
      const m = /^data:([^;,]+)/i.exec(data);
      out.push({ type: 'image', mediaType: m?.[1] ?? null, url: data });
      continue;
    }
    const mediaType = data.startsWith('iVBOR')
      ? 'image/png'
      : data.startsWith('/9j/')
        ? 'image/jpeg'
        : data.startsWith('R0lGOD')
          ? 'image/gif'
          : data.startsWith('UklGR')
            ? 'image/webp'
            : null;
    out.push({ type: 'image', mediaType, url: `data:${mediaType ?? 'application/octet-stream'};base64,${data}` });
  }
  return out;
}

function toolCallParts(calls: unknown): ContentPart[] {
  const out: ContentPart[] = [];
  for (const c of arr(calls)) {
    if (!isObj(c)) continue;
    const fn = isObj(c['function']) ? c['function'] : {};
    out.push(toolCallPart(str(c['id']), str(fn['name']) ?? '', fn['arguments'] ?? {}));
  }
  return out;
}

const ROLES: Record<string, LlmRole> = { system: 'system', user: 'user', assistant: 'assistant', tool: 'tool' };

function chatMessage(m: Record<string, unknown>): LlmMessage {
  const role = ROLES[str(m['role']) ?? ''] ?? 'user';
  if (role === 'tool') {
    return {
      role,
      parts: [
        {
          type: 'tool_result',
          toolCallId: str(m['tool_call_id']),
          name: str(m['tool_name']) ?? str(m['name']),
          content: contentToString(m['content']),
          isError: false,
        },
      ],
    };
  }
  const parts: ContentPart[] = [];
  const thinking = str(m['thinking']);
  if (thinking) parts.push({ type: 'thinking', text: thinking, signature: null, redacted: false });
  const content = str(m['content']);
  if (content) parts.push({ type: 'text', text: content });
  parts.push(...imageParts(m['images']));
  parts.push(...toolCallParts(m['tool_calls']));
  return { role, parts };
}

function toolDefs(tools: unknown): ToolDef[] {
  const defs: ToolDef[] = [];
  for (const t of arr(tools)) {
    if (!isObj(t)) continue;
    const fn = isObj(t['function']) ? t['function'] : t;
    const name = str(fn['name']);
    if (name === null) continue;
    defs.push({ name, description: str(fn['description']), parameters: fn['parameters'] ?? null });
  }
  return defs;
}

function parseOllamaRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const parameters: Record<string, unknown> = {};
  if (isObj(b['options'])) Object.assign(parameters, b['options']);
  for (const k of TOP_PARAMS) if (b[k] !== undefined) parameters[k] = b[k];
  const messages: LlmMessage[] = [];
  if (ctx.api === 'ollama.chat') {
    for (const m of arr(b['messages'])) if (isObj(m)) messages.push(chatMessage(m));
  } else if (ctx.api === 'ollama.generate') {
    const system = str(b['system']);
    if (system) messages.push({ role: 'system', parts: [{ type: 'text', text: system }] });
    const prompt = str(b['prompt']);
    const parts: ContentPart[] = prompt ? [{ type: 'text', text: prompt }] : [];
    parts.push(...imageParts(b['images']));
    if (parts.length > 0) messages.push({ role: 'user', parts });
  } else {
    const input = b['input'] ?? b['prompt'];
    for (const s of Array.isArray(input) ? input : [input]) {
      if (typeof s === 'string') messages.push({ role: 'user', parts: [{ type: 'text', text: s }] });
    }
  }
  return {
    model: str(b['model']),
    // embeddings never stream; chat and generate stream unless told not to
    stream: ctx.api === 'ollama.embeddings' ? false : b['stream'] !== false,
    parameters,
    messages,
    tools: toolDefs(b['tools']),
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: null },
  };
}

/** The counters and durations of a final object, or null when it has none. */
function rawCounters(o: Record<string, unknown>): Record<string, number> | null {
  const out: Record<string, number> = {};
  let any = false;
  for (const k of COUNTERS) {
    const v = num(o[k]);
    if (v !== null) {
      out[k] = v;
      any = true;
    }
  }
  return any ? out : null;
}

/** prompt_eval_count → input, eval_count → output; a missing counter stays unknown. */
export function ollamaUsage(raw: unknown, embeddings = false): Usage | null {
  if (!isObj(raw)) return null;
  const input = num(raw['prompt_eval_count']);
  const output = embeddings ? (input !== null ? 0 : null) : num(raw['eval_count']);
  if (input === null && output === null) return null;
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens: input !== null && output !== null ? input + output : null,
    source: 'provider',
  };
}

/** Reassembles chat / generate objects (stream lines or one whole body). */
class OllamaReply {
  readonly res: LlmResponse = emptyResponse();
  private text = '';
  private thinking = '';
  private calls: ContentPart[] = [];
  private sawMessage = false;
  done = false;

  constructor(private readonly embeddings: boolean) {}

  /** Applies one object; true when it carried content. */
  onValue(v: unknown): boolean {
    if (!isObj(v)) return false;
    const err = v['error'];
    if (err !== undefined && err !== null) {
      this.res.error = { type: 'error', message: typeof err === 'string' ? err : isObj(err) ? str(err['message']) ?? JSON.stringify(err) : String(err) };
      return false;
    }
    const model = str(v['model']);
    if (model) this.res.responseModel = model;
    let content = false;
    const m = v['message'];
    if (isObj(m) || typeof v['response'] === 'string' || typeof v['thinking'] === 'string') this.sawMessage = true;
    const src = isObj(m) ? m : v;
    const text = str(isObj(m) ? m['content'] : v['response']);
    if (text) {
      this.text += text;
      content = true;
    }
    const thinking = str(src['thinking']);
    if (thinking) {
      this.thinking += thinking;
      content = true;
    }
    const calls = toolCallParts(src['tool_calls']);
    if (calls.length > 0) {
      this.calls.push(...calls);
      content = true;
    }
    if (v['done'] === true || this.embeddings) {
      this.done = v['done'] === true || Array.isArray(v['embeddings']) || Array.isArray(v['embedding']);
      const reason = str(v['done_reason']);
      if (reason) this.res.finishReason = reason;
      const raw = rawCounters(v);
      if (raw) this.res.rawUsage = raw;
      this.res.usage = ollamaUsage(v, this.embeddings);
    }
    return content;
  }

  build(complete: boolean): LlmResponse {
    const parts: ContentPart[] = [];
    if (this.thinking) parts.push({ type: 'thinking', text: this.thinking, signature: null, redacted: false });
    if (this.text) parts.push({ type: 'text', text: this.text });
    parts.push(...this.calls.map((c) => ({ ...c })));
    const message: LlmMessage | null = !this.embeddings && (this.sawMessage || parts.length > 0) ? { role: 'assistant', parts } : null;
    return {
      ...this.res,
      message,
      citations: [],
      rawUsage: this.res.rawUsage ? { ...(this.res.rawUsage as Record<string, number>) } : null,
      error: this.res.error ? { ...this.res.error } : null,
      complete,
    };
  }
}

function parseOllamaResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const reply = new OllamaReply(ctx.api === 'ollama.embeddings');
  for (const v of Array.isArray(body) ? body : [body]) reply.onValue(v);
  return reply.build(reply.res.error === null);
}

function createOllamaStreamParser(ctx: ParseContext): StreamParser {
  const reply = new OllamaReply(ctx.api === 'ollama.embeddings');
  let at = 0;
  let first: number | null = null;
  let final: LlmResponse | null = null;
  const framer = ndjsonFramer((v) => {
    if (reply.onValue(v) && first === null) first = at;
  });
  const complete = () => reply.done && reply.res.error === null;
  return {
    push(chunk, atMs) {
      if (final) return;
      at = atMs;
      try {
        framer.push(chunk);
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
      try {
        framer.end();
      } catch {
        // ignore
      }
      final = reply.build(complete());
      return final;
    },
  };
}

export const ollamaNative: ProviderModule = {
  id: 'ollama.native',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST') return null;
    const api = apiFor(input.path);
    if (api === null) return null;
    // other apps serve /api/chat too: a parsed body must look like Ollama's (it always names the model)
    if (input.body !== null && !(isObj(input.body) && typeof input.body['model'] === 'string')) return null;
    return { provider: 'ollama', api };
  },
  parseRequest: parseOllamaRequest,
  streamParser(ctx, contentType) {
    if (contentType !== null && !/ndjson|jsonl|json|text\/plain/i.test(contentType)) return null;
    return createOllamaStreamParser(ctx);
  },
  parseResponse: parseOllamaResponse,
};
