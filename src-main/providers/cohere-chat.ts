import type { ContentPart, LlmError, LlmMessage, LlmRequest, LlmResponse, LlmRole, ToolDef, Usage } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput, StreamParser } from './provider-module.js';
import { arr, isObj, num, sseFramer, str, tryJson, type Framer } from './stream-framing.js';
import { emptyResponse, pickParams, toolCallPart } from './openai-usage.js';

/**
 * Cohere v2 chat (`POST /v2/chat`, api.cohere.com / api.cohere.ai). No recorded transcript exists in the fixtures:
 * the shapes follow Cohere's v2 API reference and streaming guide (docs.cohere.com/v2/reference/chat,
 * docs.cohere.com/v2/docs/streaming). `tool_plan` (the model's stated plan before calling tools) is shown as thinking.
 * Usage: `usage.tokens` (what the model processed), falling back to `usage.billed_units`.
 */

const CHAT_PATH = /\/v2\/chat$/;

const PARAMS = [
  'temperature', 'max_tokens', 'stop_sequences', 'seed', 'frequency_penalty', 'presence_penalty', 'k', 'p', 'logprobs',
  'tool_choice', 'strict_tools', 'response_format', 'safety_mode', 'citation_options', 'thinking', 'priority',
] as const;

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** A content item (string, or typed object) → parts. */
function contentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const out: ContentPart[] = [];
  for (const c of arr(content)) {
    if (typeof c === 'string') {
      out.push({ type: 'text', text: c });
      continue;
    }
    if (!isObj(c)) continue;
    const type = str(c['type']);
    if (type === 'text') out.push({ type: 'text', text: str(c['text']) ?? '' });
    else if (type === 'thinking') out.push({ type: 'thinking', text: str(c['thinking']) ?? str(c['text']) ?? '', signature: null, redacted: false });
    else if (type === 'image_url') {
      const iu = c['image_url'];
      const url = isObj(iu) ? str(iu['url']) : str(iu);
      const m = url ? /^data:([^;,]+)/i.exec(url) : null;
      out.push({ type: 'image', mediaType: m?.[1] ?? null, url });
    } else if (type === 'document') {
      const d = c['document'];
      const data = isObj(d) ? d['data'] ?? d : d;
      out.push({ type: 'text', text: typeof data === 'string' ? data : safeStringify(data) });
    }
  }
  return out;
}

function toolContent(content: unknown): string {
  if (typeof content === 'string') return content;
  return contentParts(content)
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('\n');
}

function toolCallParts(calls: unknown): ContentPart[] {
  const out: ContentPart[] = [];
  for (const c of Array.isArray(calls) ? calls : isObj(calls) ? [calls] : []) {
    if (!isObj(c)) continue;
    const fn = isObj(c['function']) ? c['function'] : {};
    out.push(toolCallPart(str(c['id']), str(fn['name']) ?? '', fn['arguments'] ?? ''));
  }
  return out;
}

const ROLES: Record<string, LlmRole> = { system: 'system', user: 'user', assistant: 'assistant', tool: 'tool', chatbot: 'assistant' };

function message(m: Record<string, unknown>): LlmMessage {
  const role = ROLES[(str(m['role']) ?? '').toLowerCase()] ?? 'user';
  if (role === 'tool') {
    return {
      role,
      parts: [{ type: 'tool_result', toolCallId: str(m['tool_call_id']), name: null, content: toolContent(m['content']), isError: false }],
    };
  }
  return { role, parts: assistantParts(m) };
}

/** Content in order, then the tool plan (as thinking), then the tool calls. */
function assistantParts(m: Record<string, unknown>): ContentPart[] {
  const parts = contentParts(m['content']);
  const plan = str(m['tool_plan']);
  if (plan) parts.push({ type: 'thinking', text: plan, signature: null, redacted: false });
  parts.push(...toolCallParts(m['tool_calls']));
  return parts;
}

function toolDefs(tools: unknown): ToolDef[] {
  const defs: ToolDef[] = [];
  for (const t of arr(tools)) {
    if (!isObj(t)) continue;
    const fn = isObj(t['function']) ? t['function'] : t;
    const name = str(fn['name']);
    if (name === null) continue;
    defs.push({ name, description: str(fn['description']), parameters: fn['parameters'] ?? fn['parameter_definitions'] ?? null });
  }
  return defs;
}

function parseCohereRequest(body: unknown): LlmRequest {
  const b = isObj(body) ? body : {};
  return {
    model: str(b['model']),
    stream: b['stream'] === true,
    parameters: pickParams(b, PARAMS),
    messages: arr(b['messages']).filter(isObj).map(message),
    tools: toolDefs(b['tools']),
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: null },
  };
}

/** `usage.tokens` (processed) else `usage.billed_units`; `cached_tokens` when Cohere reports it. */
export function cohereUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const tokens = isObj(raw['tokens']) ? raw['tokens'] : null;
  const billed = isObj(raw['billed_units']) ? raw['billed_units'] : null;
  const input = num(tokens?.['input_tokens']) ?? num(billed?.['input_tokens']);
  const output = num(tokens?.['output_tokens']) ?? num(billed?.['output_tokens']);
  if (input === null && output === null) return null;
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: num(raw['cached_tokens']),
    cacheWriteTokens: null,
    reasoningTokens: null,
    totalTokens: input !== null && output !== null ? input + output : null,
    source: 'provider',
  };
}

function citationUrls(citations: unknown, into: string[]): void {
  for (const c of Array.isArray(citations) ? citations : isObj(citations) ? [citations] : []) {
    if (!isObj(c)) continue;
    for (const s of arr(c['sources'])) {
      if (!isObj(s)) continue;
      const doc = isObj(s['document']) ? s['document'] : isObj(s['tool_output']) ? s['tool_output'] : {};
      const url = str(doc['url']);
      if (url && !into.includes(url)) into.push(url);
    }
  }
}

/** Cohere error bodies: `{"message": "…"}` (v2; `id` optional), or a stream's message-end `delta.error`. */
function errorOf(body: Record<string, unknown>, status: number | null): LlmError | null {
  const msg = body['message'];
  if (typeof msg === 'string') return { type: str(body['type']) ?? (status !== null ? String(status) : 'error'), message: msg };
  const e = body['error'];
  if (typeof e === 'string') return { type: 'error', message: e };
  if (isObj(e)) return { type: str(e['type']) ?? 'error', message: str(e['message']) ?? '' };
  return null;
}

function parseCohereResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const res = emptyResponse();
  res.complete = true;
  if (!isObj(body)) return res;
  res.error = errorOf(body, ctx.status);
  res.responseId = str(body['id']);
  res.responseModel = str(body['model']);
  res.finishReason = str(body['finish_reason']);
  res.rawUsage = isObj(body['usage']) ? body['usage'] : null;
  res.usage = cohereUsage(body['usage']);
  const m = body['message'];
  if (isObj(m)) {
    res.message = { role: 'assistant', parts: assistantParts(m) };
    citationUrls(m['citations'], res.citations);
  }
  return res;
}

interface Block {
  kind: 'text' | 'thinking';
  text: string;
}
interface Call {
  id: string | null;
  name: string;
  args: string;
}

function deltaMessage(e: Record<string, unknown>): Record<string, unknown> {
  const d = e['delta'];
  const m = isObj(d) ? d['message'] : undefined;
  return isObj(m) ? m : {};
}

function firstOf(v: unknown): Record<string, unknown> {
  if (Array.isArray(v)) return isObj(v[0]) ? v[0] : {};
  return isObj(v) ? v : {};
}

/** The v2 event stream: message-start … content-*, tool-plan-delta, tool-call-*, citation-* … message-end. */
function createCohereStreamParser(ctx: ParseContext): StreamParser {
  const res = emptyResponse();
  const blocks = new Map<number, Block>();
  const calls = new Map<number, Call>();
  let plan = '';
  let lastCall: Call | null = null;
  let started = false;
  let ended = false;
  let at = 0;
  let first: number | null = null;
  let final: LlmResponse | null = null;
  let mode: 'sse' | 'whole' | null = null;
  let framer: Framer | null = null;
  const pending: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let whole = '';

  const content = () => {
    if (first === null) first = at;
  };

  const onEvent = (e: unknown) => {
    if (!isObj(e)) return;
    const type = str(e['type']);
    const index = num(e['index']) ?? 0;
    const msg = deltaMessage(e);
    switch (type) {
      case 'message-start':
        started = true;
        res.responseId = str(e['id']) ?? res.responseId;
        break;
      case 'content-start':
      case 'content-delta': {
        started = true;
        const c = firstOf(msg['content']);
        const thinking = str(c['thinking']);
        const text = str(c['text']);
        let b = blocks.get(index);
        if (!b) blocks.set(index, (b = { kind: str(c['type']) === 'thinking' || thinking !== null ? 'thinking' : 'text', text: '' }));
        const piece = (b.kind === 'thinking' ? thinking ?? text : text ?? thinking) ?? '';
        if (piece) {
          b.text += piece;
          content();
        }
        break;
      }
      case 'tool-plan-delta': {
        const p = str(msg['tool_plan']);
        if (p) {
          plan += p;
          content();
        }
        break;
      }
      case 'tool-call-start':
      case 'tool-call-delta': {
        started = true;
        const tc = firstOf(msg['tool_calls']);
        const fn = isObj(tc['function']) ? tc['function'] : {};
        let call = e['index'] !== undefined ? calls.get(index) : type === 'tool-call-delta' ? lastCall ?? undefined : undefined;
        if (!call) {
          call = { id: null, name: '', args: '' };
          calls.set(e['index'] !== undefined ? index : calls.size + 1000, call);
        }
        lastCall = call;
        call.id = call.id ?? str(tc['id']);
        if (!call.name) call.name = str(fn['name']) ?? '';
        call.args += str(fn['arguments']) ?? '';
        content();
        break;
      }
      case 'citation-start':
        citationUrls(msg['citations'], res.citations);
        break;
      case 'message-end': {
        const d = isObj(e['delta']) ? e['delta'] : {};
        res.finishReason = str(d['finish_reason']) ?? res.finishReason;
        if (isObj(d['usage'])) {
          res.rawUsage = d['usage'];
          res.usage = cohereUsage(d['usage']);
        }
        const err = d['error'];
        if (typeof err === 'string' && err) res.error = { type: 'error', message: err };
        ended = true;
        break;
      }
      default: {
        // a JSON error envelope (served whole, or as a data line)
        if (type === null) res.error = errorOf(e, ctx.status) ?? res.error;
      }
    }
  };

  const build = (complete: boolean): LlmResponse => {
    const parts: ContentPart[] = [];
    for (const k of [...blocks.keys()].sort((a, b) => a - b)) {
      const b = blocks.get(k)!;
      if (b.text === '') continue;
      parts.push(b.kind === 'thinking' ? { type: 'thinking', text: b.text, signature: null, redacted: false } : { type: 'text', text: b.text });
    }
    if (plan) parts.push({ type: 'thinking', text: plan, signature: null, redacted: false });
    for (const k of [...calls.keys()].sort((a, b) => a - b)) {
      const c = calls.get(k)!;
      parts.push(toolCallPart(c.id, c.name, c.args));
    }
    const message: LlmMessage | null = started || parts.length > 0 ? { role: 'assistant', parts } : null;
    return { ...res, message, citations: [...res.citations], error: res.error ? { ...res.error } : null, complete };
  };

  const feed = (chunk: Uint8Array) => {
    if (mode === 'whole') whole += decoder.decode(chunk, { stream: true });
    else framer?.push(chunk);
  };

  return {
    push(chunk, atMs) {
      if (final) return;
      at = atMs;
      try {
        if (mode === null) {
          pending.push(chunk);
          for (const byte of chunk) {
            if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
            mode = byte === 0x7b ? 'whole' : 'sse';
            break;
          }
          if (mode === null) return;
          if (mode === 'sse') {
            framer = sseFramer((ev) => {
              const data = ev.data.trim();
              if (data !== '[DONE]') onEvent(tryJson(data));
            });
          }
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
    snapshot: () => final ?? build(false),
    end() {
      if (final) return final;
      try {
        if (mode === 'whole') {
          whole += decoder.decode();
          const json = tryJson(whole.trim());
          // a whole v2 response body under an event-stream content type, or an error envelope
          if (isObj(json) && isObj(json['message'])) {
            final = parseCohereResponse(json, ctx);
            return final;
          }
          if (isObj(json)) onEvent(json);
        } else framer?.end();
      } catch {
        // ignore
      }
      final = build(ended && res.error === null);
      return final;
    },
  };
}

export const cohereChat: ProviderModule = {
  id: 'cohere.chat',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST') return null;
    const p = input.path.length > 1 ? input.path.replace(/\/+$/, '') : input.path;
    if (!CHAT_PATH.test(p)) return null;
    return { provider: 'cohere', api: 'cohere.chat' };
  },
  parseRequest: (body) => parseCohereRequest(body),
  streamParser(ctx, contentType) {
    if (contentType !== null && !/event-stream|json|text\/plain/i.test(contentType)) return null;
    return createCohereStreamParser(ctx);
  },
  parseResponse: parseCohereResponse,
};
