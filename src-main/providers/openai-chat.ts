import type { ContentPart, LlmMessage, LlmRequest, LlmResponse, LlmRole, ToolDef } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput, StreamParser } from './provider-module.js';
import { providerForHost } from './provider-hosts.js';
import { arr, isObj, num, str, tryJson } from './stream-framing.js';
import {
  chatUsage,
  contentToString,
  dataUrlMediaType,
  emptyResponse,
  errorFromBody,
  pickParams,
  requestHints,
  sseStreamParser,
  toolCallPart,
} from './openai-usage.js';

/**
 * OpenAI Chat Completions (`POST …/chat/completions`) on any host: OpenAI, Azure (classic deployments and v1),
 * DeepSeek, Mistral, Groq, xAI, Perplexity, OpenRouter, local servers. Compat deviations: provider-formats §2.
 */

const CHAT_PATH = /\/chat\/completions\/?$/;

export const CHAT_PARAMS = [
  'temperature', 'top_p', 'top_k', 'min_p', 'max_tokens', 'max_completion_tokens', 'n', 'stop', 'seed',
  'presence_penalty', 'frequency_penalty', 'repetition_penalty', 'logit_bias', 'logprobs', 'top_logprobs',
  'reasoning_effort', 'reasoning', 'thinking', 'verbosity', 'response_format', 'tool_choice', 'parallel_tool_calls',
  'stream_options', 'service_tier', 'modalities', 'audio', 'prediction', 'store', 'web_search_options',
  'safe_prompt', 'random_seed', 'search_domain_filter', 'search_recency_filter', 'return_citations',
] as const;

/** The model a request names: the Azure classic deployment (URL), else the body's `model`, else any URL model. */
export function requestModel(body: Record<string, unknown>, ctx: ParseContext): string | null {
  if (ctx.urlModel !== null && ctx.path.includes('/deployments/')) return ctx.urlModel;
  return str(body['model']) ?? ctx.urlModel;
}

function imagePart(url: string | null): ContentPart {
  return { type: 'image', mediaType: dataUrlMediaType(url), url };
}

/** A chat message's `content` (string, or array of typed parts) as content parts. */
export function chatContentParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const parts: ContentPart[] = [];
  for (const p of arr(content)) {
    if (typeof p === 'string') {
      parts.push({ type: 'text', text: p });
      continue;
    }
    if (!isObj(p)) continue;
    const type = str(p['type']);
    if (type === 'text' || type === 'input_text' || type === 'output_text') parts.push({ type: 'text', text: str(p['text']) ?? '' });
    else if (type === 'image_url') {
      const iu = p['image_url'];
      parts.push(imagePart(isObj(iu) ? str(iu['url']) : str(iu)));
    } else if (type === 'input_image') parts.push(imagePart(str(p['image_url'])));
    else if (type === 'refusal') parts.push({ type: 'refusal', text: str(p['refusal']) ?? '' });
    else if (type === 'thinking' || type === 'reasoning') {
      parts.push({ type: 'thinking', text: str(p['thinking']) ?? str(p['text']) ?? '', signature: str(p['signature']), redacted: false });
    }
    // audio and file parts have no place in the normalised view
  }
  return parts;
}

function toolCallsParts(calls: unknown): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const c of arr(calls)) {
    if (!isObj(c)) continue;
    const fn = isObj(c['function']) ? c['function'] : isObj(c['custom']) ? c['custom'] : {};
    parts.push(toolCallPart(str(c['id']), str(fn['name']) ?? '', fn['arguments'] ?? fn['input']));
  }
  return parts;
}

/** The reasoning text compat hosts put beside `content` (DeepSeek/xAI `reasoning_content`, vLLM/OpenRouter `reasoning`). */
function reasoningOf(m: Record<string, unknown>): string | null {
  return str(m['reasoning_content']) ?? str(m['reasoning']);
}

const ROLES: Record<string, LlmRole> = { system: 'system', developer: 'developer', user: 'user', assistant: 'assistant', tool: 'tool', function: 'tool' };

function chatMessage(m: Record<string, unknown>): LlmMessage {
  const role = ROLES[str(m['role']) ?? ''] ?? 'user';
  if (role === 'tool') {
    const content = contentToString(m['content']);
    return {
      role,
      parts: [{ type: 'tool_result', toolCallId: str(m['tool_call_id']), name: str(m['name']), content, isError: false }],
    };
  }
  const parts: ContentPart[] = [];
  const reasoning = role === 'assistant' ? reasoningOf(m) : null;
  if (reasoning) parts.push({ type: 'thinking', text: reasoning, signature: null, redacted: false });
  parts.push(...chatContentParts(m['content']));
  const refusal = str(m['refusal']);
  if (refusal) parts.push({ type: 'refusal', text: refusal });
  parts.push(...toolCallsParts(m['tool_calls']));
  const fc = m['function_call'];
  if (isObj(fc)) parts.push(toolCallPart(null, str(fc['name']) ?? '', fc['arguments']));
  return { role, parts };
}

/** `tools` (function / custom / built-in) and legacy `functions` as tool definitions. */
export function toolDefs(body: Record<string, unknown>): ToolDef[] {
  const defs: ToolDef[] = [];
  for (const t of arr(body['tools'])) {
    if (!isObj(t)) continue;
    const inner = isObj(t['function']) ? t['function'] : isObj(t['custom']) ? t['custom'] : t;
    const name = str(inner['name']) ?? str(t['type']);
    if (name === null) continue;
    defs.push({ name, description: str(inner['description']), parameters: inner['parameters'] ?? null });
  }
  for (const f of arr(body['functions'])) {
    if (!isObj(f) || str(f['name']) === null) continue;
    defs.push({ name: str(f['name']) ?? '', description: str(f['description']), parameters: f['parameters'] ?? null });
  }
  return defs;
}

function parseChatRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  return {
    model: requestModel(b, ctx),
    stream: b['stream'] === true,
    parameters: pickParams(b, CHAT_PARAMS),
    messages: arr(b['messages']).filter(isObj).map(chatMessage),
    tools: toolDefs(b),
    hints: requestHints(b),
  };
}

function citationsOf(body: Record<string, unknown>): string[] | null {
  const c = body['citations'];
  if (!Array.isArray(c)) return null;
  return c.filter((x): x is string => typeof x === 'string');
}

/** A whole chat (or legacy completions) body: choice 0's message (or `text`). */
export function parseChatLikeResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const res = emptyResponse();
  res.complete = true;
  if (!isObj(body)) return res;
  res.error = errorFromBody(body);
  res.responseModel = str(body['model']) || null;
  res.responseId = str(body['id']) || null;
  const rawUsage = isObj(body['usage']) ? body['usage'] : isObj(body['x_groq']) && isObj(body['x_groq']['usage']) ? body['x_groq']['usage'] : null;
  res.rawUsage = rawUsage;
  res.usage = chatUsage(rawUsage, ctx.provider);
  res.citations = citationsOf(body) ?? [];
  const choices = arr(body['choices']).filter(isObj);
  const choice = choices.find((c) => (num(c['index']) ?? 0) === 0) ?? choices[0];
  if (choice) {
    res.finishReason = str(choice['finish_reason']);
    if (isObj(choice['message'])) res.message = { ...chatMessage(choice['message']), role: 'assistant' };
    else if (typeof choice['text'] === 'string') res.message = { role: 'assistant', parts: [{ type: 'text', text: choice['text'] }] };
  }
  if (res.message === null && res.error === null && choices.length > 0) res.message = { role: 'assistant', parts: [] };
  return res;
}

interface CallState {
  id: string | null;
  name: string;
  args: string;
}

/**
 * Streamed chat / legacy completions chunks (`data: {chunk}` … `data: [DONE]`). Reassembles choice 0: reasoning,
 * text, refusal, tool calls keyed by their `index` (Mistral sends whole calls without one). Usage is the last
 * non-null `usage` (or Groq's `x_groq.usage`).
 */
export function createChatStreamParser(ctx: ParseContext): StreamParser {
  const res = emptyResponse();
  let text = '';
  let thinking = '';
  let refusal = '';
  const calls = new Map<string, CallState>();
  let lastUnindexed: CallState | null = null;
  let sawChoice = false;
  let content = () => {};

  const onDelta = (d: Record<string, unknown>) => {
    const r = reasoningOf(d);
    if (r) {
      thinking += r;
      content();
    }
    const c = d['content'];
    if (typeof c === 'string' && c !== '') {
      text += c;
      content();
    } else if (Array.isArray(c)) {
      for (const p of chatContentParts(c)) {
        if (p.type === 'text' && p.text) {
          text += p.text;
          content();
        }
      }
    }
    const rf = str(d['refusal']);
    if (rf) {
      refusal += rf;
      content();
    }
    const tcs = [...arr(d['tool_calls']), ...(isObj(d['function_call']) ? [{ index: -1, function: d['function_call'] }] : [])];
    tcs.forEach((tc, pos) => {
      if (!isObj(tc)) return;
      const fn = isObj(tc['function']) ? tc['function'] : {};
      const index = num(tc['index']);
      const id = str(tc['id']) || null;
      const name = str(fn['name']);
      const a = fn['arguments'];
      const args = typeof a === 'string' ? a : a === undefined || a === null ? '' : JSON.stringify(a);
      let call: CallState | undefined;
      if (index !== null) {
        const key = `i${index}`;
        call = calls.get(key);
        if (!call) calls.set(key, (call = { id: null, name: '', args: '' }));
      } else if (id === null && name === null && lastUnindexed) {
        call = lastUnindexed; // a continuation fragment without index or id
      } else {
        call = { id: null, name: '', args: '' };
        calls.set(`u${calls.size}:${pos}`, call);
        lastUnindexed = call;
      }
      if (id !== null && call.id === null) call.id = id;
      if (name && call.name === '') call.name = name;
      call.args += args;
      content();
    });
  };

  const onChunk = (chunk: Record<string, unknown>) => {
    const model = str(chunk['model']);
    if (model && res.responseModel === null) res.responseModel = model;
    const id = str(chunk['id']);
    if (id && res.responseId === null) res.responseId = id;
    const groq = isObj(chunk['x_groq']) ? chunk['x_groq']['usage'] : undefined;
    const usage = isObj(chunk['usage']) ? chunk['usage'] : isObj(groq) ? groq : null;
    if (usage !== null) {
      res.rawUsage = usage;
      res.usage = chatUsage(usage, ctx.provider);
    }
    const cites = citationsOf(chunk);
    if (cites) res.citations = cites;
    const err = errorFromBody(chunk);
    if (err) res.error = err;
    for (const choice of arr(chunk['choices'])) {
      if (!isObj(choice) || (num(choice['index']) ?? 0) !== 0) continue;
      sawChoice = true;
      if (isObj(choice['delta'])) onDelta(choice['delta']);
      else if (isObj(choice['message'])) onDelta(choice['message']);
      const t = choice['text'];
      if (typeof t === 'string' && t !== '') {
        text += t;
        content();
      }
      const fr = str(choice['finish_reason']);
      if (fr) {
        res.finishReason = fr;
        res.complete = true;
      }
    }
  };

  const build = (): LlmResponse => {
    const parts: ContentPart[] = [];
    if (thinking) parts.push({ type: 'thinking', text: thinking, signature: null, redacted: false });
    if (text) parts.push({ type: 'text', text });
    if (refusal) parts.push({ type: 'refusal', text: refusal });
    for (const c of calls.values()) parts.push(toolCallPart(c.id, c.name, c.args));
    const message: LlmMessage | null = sawChoice || parts.length > 0 ? { role: 'assistant', parts } : null;
    return { ...res, citations: [...res.citations], error: res.error ? { ...res.error } : null, message };
  };

  return sseStreamParser({
    onEvent(data, _event, onContent) {
      content = onContent;
      if (data === '[DONE]') res.complete = true;
      else {
        const json = tryJson(data);
        if (isObj(json)) onChunk(json);
      }
    },
    build,
    onNoEvents(body) {
      res.error = errorFromBody(body);
    },
  });
}

function isEventStream(contentType: string | null): boolean {
  return contentType === null || /event-stream/i.test(contentType);
}

export const openaiChat: ProviderModule = {
  id: 'openai.chat',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST' || !CHAT_PATH.test(input.path)) return null;
    return { provider: providerForHost(input.host), api: 'openai.chat' };
  },
  parseRequest: parseChatRequest,
  streamParser: (ctx, contentType) => (isEventStream(contentType) ? createChatStreamParser(ctx) : null),
  parseResponse: parseChatLikeResponse,
};

export { isEventStream };
