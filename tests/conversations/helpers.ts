// Minimal builders and fixture readers for the conversation tests. The real provider parsers live in src-main/providers
// (written in parallel); this reads just enough of the Anthropic and Gemini bodies (roles, text, tool calls/results)
// to exercise grouping.
import type { HeaderPairs } from '../../src-main/contract/exchange.js';
import type { ContentPart, LlmHints, LlmMessage, LlmRequest, LlmResponse } from '../../src-main/contract/llm.js';
import type { AssignInput } from '../../src-main/conversations/index.js';
import { fixtureBytes } from '../support/fixtures.js';

type Json = Record<string, unknown>;

export function hints(h: Partial<LlmHints> = {}): LlmHints {
  return { user: null, sessionId: null, previousResponseId: null, metadata: null, ...h };
}

export function request(messages: LlmMessage[], h: Partial<LlmHints> = {}): LlmRequest {
  return { model: 'm', stream: false, parameters: {}, messages, tools: [], hints: hints(h) };
}

export function response(message: LlmMessage | null, responseId: string | null = null): LlmResponse {
  return {
    responseModel: 'm', responseId, message, finishReason: 'stop', usage: null, rawUsage: null, error: null,
    citations: [], complete: true,
  };
}

export const text = (t: string): ContentPart => ({ type: 'text', text: t });
export const sys = (t: string): LlmMessage => ({ role: 'system', parts: [text(t)] });
export const user = (t: string): LlmMessage => ({ role: 'user', parts: [text(t)] });
export const assistant = (t: string): LlmMessage => ({ role: 'assistant', parts: [text(t)] });
export function toolCall(id: string | null, name: string, args: unknown): ContentPart {
  return { type: 'tool_call', id, name, arguments: JSON.stringify(args), parsed: args };
}
export function toolResult(id: string | null, content: string, name: string | null = null): LlmMessage {
  return { role: 'tool', parts: [{ type: 'tool_result', toolCallId: id, name, content, isError: false }] };
}

let nextId = 1;
/** An AssignInput with defaults (fresh exchange id each time). */
export function call(
  messages: LlmMessage[],
  reply: LlmMessage | null,
  opts: { headers?: HeaderPairs; hints?: Partial<LlmHints>; responseId?: string | null; exchangeId?: number } = {},
): AssignInput {
  return {
    exchangeId: opts.exchangeId ?? nextId++,
    startedAt: 0,
    provider: 'openai',
    api: 'openai.chat',
    requestHeaders: opts.headers ?? [],
    request: request(messages, opts.hints),
    response: response(reply, opts.responseId ?? null),
  };
}

// --- recorded exchanges ------------------------------------------------------------------------------------------

export interface RecordedExchange {
  request: { method: string; url: string; body: Json };
  response: { status: number; headers: Record<string, string>; body: Json };
}

export function recorded(relPath: string): RecordedExchange[] {
  return JSON.parse(fixtureBytes(relPath).toString('utf8')) as RecordedExchange[];
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const strOr = (v: unknown, d: string | null = null): string | null => (typeof v === 'string' ? v : d);

function anthropicParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [text(content)];
  const out: ContentPart[] = [];
  for (const raw of arr(content)) {
    const b = obj(raw);
    if (b['type'] === 'text') out.push(text(strOr(b['text'], '')!));
    else if (b['type'] === 'tool_use') out.push(toolCall(strOr(b['id']), strOr(b['name'], '')!, b['input'] ?? {}));
    else if (b['type'] === 'tool_result') {
      const c = b['content'];
      const content = typeof c === 'string' ? c : arr(c).map((x) => strOr(obj(x)['text'], '')).join('');
      out.push({ type: 'tool_result', toolCallId: strOr(b['tool_use_id']), name: null, content, isError: b['is_error'] === true });
    } else if (b['type'] === 'thinking') {
      out.push({ type: 'thinking', text: strOr(b['thinking'], '')!, signature: strOr(b['signature']), redacted: false });
    }
  }
  return out;
}

export function anthropicExchange(x: RecordedExchange, exchangeId: number): AssignInput {
  const body = x.request.body;
  const messages: LlmMessage[] = [];
  const system = body['system'];
  if (system !== undefined) messages.push({ role: 'system', parts: anthropicParts(system) });
  for (const raw of arr(body['messages'])) {
    const m = obj(raw);
    messages.push({ role: m['role'] === 'assistant' ? 'assistant' : 'user', parts: anthropicParts(m['content']) });
  }
  const r = x.response.body;
  return {
    exchangeId,
    startedAt: 1_700_000_000_000 + exchangeId,
    provider: 'anthropic',
    api: 'anthropic.messages',
    requestHeaders: [['content-type', 'application/json']],
    request: request(messages, { user: strOr(obj(body['metadata'])['user_id']) }),
    response: response({ role: 'assistant', parts: anthropicParts(r['content']) }, strOr(r['id'])),
  };
}

function geminiParts(parts: unknown): ContentPart[] {
  const out: ContentPart[] = [];
  for (const raw of arr(parts)) {
    const p = obj(raw);
    if (typeof p['text'] === 'string') {
      out.push(p['thought'] === true ? { type: 'thinking', text: p['text'], signature: null, redacted: false } : text(p['text']));
    } else if (p['functionCall'] !== undefined) {
      const fc = obj(p['functionCall']);
      out.push(toolCall(strOr(fc['id']), strOr(fc['name'], '')!, fc['args'] ?? {}));
    } else if (p['functionResponse'] !== undefined) {
      const fr = obj(p['functionResponse']);
      out.push({
        type: 'tool_result', toolCallId: strOr(fr['id']), name: strOr(fr['name']),
        content: JSON.stringify(fr['response'] ?? null), isError: false,
      });
    }
  }
  return out;
}

export function geminiExchange(x: RecordedExchange, exchangeId: number): AssignInput {
  const body = x.request.body;
  const messages: LlmMessage[] = [];
  if (body['systemInstruction'] !== undefined) messages.push({ role: 'system', parts: geminiParts(obj(body['systemInstruction'])['parts']) });
  for (const raw of arr(body['contents'])) {
    const c = obj(raw);
    messages.push({ role: c['role'] === 'model' ? 'assistant' : 'user', parts: geminiParts(c['parts']) });
  }
  const r = x.response.body;
  const cand = obj(arr(r['candidates'])[0]);
  return {
    exchangeId,
    startedAt: 1_700_000_000_000 + exchangeId,
    provider: 'gemini',
    api: 'gemini.generateContent',
    requestHeaders: [],
    request: request(messages),
    response: response({ role: 'assistant', parts: geminiParts(obj(cand['content'])['parts']) }, strOr(r['responseId'])),
  };
}
