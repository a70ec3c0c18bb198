import type { ContentPart, LlmMessage, LlmRequest, LlmResponse, LlmRole } from '../contract/index.js';
import type { ParseContext, ProviderModule, RecogniseInput, StreamParser } from './provider-module.js';
import { chatContentParts, isEventStream, requestModel, toolDefs } from './openai-chat.js';
import { providerForHost } from './provider-hosts.js';
import {
  contentToString,
  emptyResponse,
  errorFromBody,
  errorFromObject,
  pickParams,
  requestHints,
  responsesUsage,
  sseStreamParser,
  toolCallPart,
} from './openai-usage.js';
import { arr, isObj, num, str, tryJson } from './stream-framing.js';

/**
 * OpenAI Responses API (`POST …/responses`, also Azure, xAI, LM Studio, vLLM, Ollama). Input items and output items
 * share one vocabulary; a stream is reassembled into the same output items a whole body has (provider-formats §3).
 */

const RESPONSES_PATH = /\/responses\/?$/;

const RESPONSES_PARAMS = [
  'temperature', 'top_p', 'max_output_tokens', 'max_tool_calls', 'reasoning', 'text', 'tool_choice',
  'parallel_tool_calls', 'truncation', 'service_tier', 'store', 'background', 'include', 'top_logprobs',
  'prompt_cache_key', 'prompt_cache_retention', 'stream_options', 'prompt',
] as const;

type Obj = Record<string, unknown>;
const ROLES: Record<string, LlmRole> = { system: 'system', developer: 'developer', user: 'user', assistant: 'assistant' };

function textsOf(list: unknown): string {
  return arr(list)
    .map((p) => (isObj(p) ? str(p['text']) ?? '' : ''))
    .join('\n\n');
}

/** A reasoning item: its summary (or, from open models, its reasoning_text content) as one thinking part. */
function reasoningPart(item: Obj): ContentPart | null {
  const text = textsOf(item['summary']) || textsOf(item['content']);
  const encrypted = str(item['encrypted_content']);
  if (!text && !encrypted) return null;
  return { type: 'thinking', text, signature: null, redacted: !text && encrypted !== null };
}

/** Output items (or assistant-side input items) as assistant content parts, in order. */
export function outputItemParts(items: unknown[]): ContentPart[] {
  const parts: ContentPart[] = [];
  for (const item of items) {
    if (!isObj(item)) continue;
    switch (str(item['type'])) {
      case 'message': {
        let text = '';
        for (const c of arr(item['content'])) {
          if (!isObj(c)) continue;
          if (c['type'] === 'refusal') {
            if (text) parts.push({ type: 'text', text });
            text = '';
            parts.push({ type: 'refusal', text: str(c['refusal']) ?? '' });
          } else text += str(c['text']) ?? '';
        }
        if (text) parts.push({ type: 'text', text });
        break;
      }
      case 'reasoning': {
        const p = reasoningPart(item);
        if (p) parts.push(p);
        break;
      }
      case 'function_call':
        parts.push(toolCallPart(str(item['call_id']) ?? str(item['id']), str(item['name']) ?? '', item['arguments']));
        break;
      case 'custom_tool_call':
        parts.push(toolCallPart(str(item['call_id']) ?? str(item['id']), str(item['name']) ?? '', item['input']));
        break;
      default:
      // built-in tool calls (web_search_call, code_interpreter_call, …) run server-side: not part of the reply text
    }
  }
  return parts;
}

/** `input` items as messages: role messages, function calls (merged into the assistant turn) and their outputs. */
function inputMessages(input: unknown): LlmMessage[] {
  if (typeof input === 'string') return [{ role: 'user', parts: [{ type: 'text', text: input }] }];
  const out: LlmMessage[] = [];
  const assistant = (): LlmMessage => {
    const last = out[out.length - 1];
    if (last?.role === 'assistant') return last;
    const m: LlmMessage = { role: 'assistant', parts: [] };
    out.push(m);
    return m;
  };
  for (const item of arr(input)) {
    if (!isObj(item)) continue;
    const type = str(item['type']);
    if (type === 'message' || (type === null && item['role'] !== undefined)) {
      const role = ROLES[str(item['role']) ?? ''] ?? 'user';
      const parts = chatContentParts(item['content']);
      if (role === 'assistant') assistant().parts.push(...parts);
      else out.push({ role, parts });
    } else if (type === 'function_call' || type === 'custom_tool_call' || type === 'reasoning') {
      assistant().parts.push(...outputItemParts([item]));
    } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
      out.push({
        role: 'tool',
        parts: [{ type: 'tool_result', toolCallId: str(item['call_id']), name: null, content: contentToString(item['output']), isError: false }],
      });
    }
    // item_reference and built-in tool items carry nothing the normalised view shows
  }
  return out;
}

function parseResponsesRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const messages: LlmMessage[] = [];
  const instructions = str(b['instructions']);
  if (instructions) messages.push({ role: 'system', parts: [{ type: 'text', text: instructions }] });
  messages.push(...inputMessages(b['input']));
  return {
    model: requestModel(b, ctx),
    stream: b['stream'] === true,
    parameters: pickParams(b, RESPONSES_PARAMS),
    messages,
    tools: toolDefs(b),
    hints: requestHints(b),
  };
}

function citationsOf(items: unknown[]): string[] {
  const urls: string[] = [];
  for (const item of items) {
    if (!isObj(item)) continue;
    for (const c of arr(item['content'])) {
      if (!isObj(c)) continue;
      for (const a of arr(c['annotations'])) {
        const url = isObj(a) ? str(a['url']) : null;
        if (url && !urls.includes(url)) urls.push(url);
      }
    }
  }
  return urls;
}

/** finishReason: the status, or why it is incomplete (`max_output_tokens`, `content_filter`). */
function finishOf(r: Obj): string | null {
  const status = str(r['status']);
  const details = r['incomplete_details'];
  if (status === 'incomplete' && isObj(details) && str(details['reason'])) return str(details['reason']);
  return status;
}

/** Applies a `response` object (whole body, or the one a lifecycle event carries) to `res`. */
function applyResponseObject(res: LlmResponse, r: Obj, withOutput: boolean): void {
  res.responseId = str(r['id']) || res.responseId;
  res.responseModel = str(r['model']) || res.responseModel;
  if (isObj(r['usage'])) {
    res.rawUsage = r['usage'];
    res.usage = responsesUsage(r['usage']);
  }
  if (r['error'] !== null && r['error'] !== undefined) res.error = errorFromObject(r['error']) ?? res.error;
  if (withOutput) {
    const output = arr(r['output']);
    res.message = { role: 'assistant', parts: outputItemParts(output) };
    res.citations = citationsOf(output);
  }
  res.finishReason = finishOf(r) ?? res.finishReason;
}

function parseResponsesResponse(body: unknown): LlmResponse {
  const res = emptyResponse();
  res.complete = true;
  if (!isObj(body)) return res;
  const bodyError = errorFromBody(body);
  if (bodyError && body['object'] !== 'response') {
    res.error = bodyError;
    return res;
  }
  applyResponseObject(res, body, true);
  return res;
}

/** Item being streamed, kept in the output-item shape so whole and streamed bodies share `outputItemParts`. */
function slot(list: Obj[], i: number, init: Obj): Obj {
  let s = list[i];
  if (!s) {
    s = { ...init };
    list[i] = s;
  }
  return s;
}

function createResponsesStreamParser(): StreamParser {
  const res = emptyResponse();
  const items: Obj[] = [];
  const byId = new Map<string, number>();
  let finalOutput: unknown[] | null = null;
  let content = () => {};
  const itemFor = (e: Obj): Obj => {
    const id = str(e['item_id']);
    const idx = num(e['output_index']) ?? (id !== null ? byId.get(id) : undefined) ?? items.length;
    if (id !== null) byId.set(id, idx);
    return slot(items, idx, { type: 'message', id });
  };
  const part = (item: Obj, key: string, i: number, init: Obj): Obj => {
    if (!Array.isArray(item[key])) item[key] = [];
    return slot(item[key] as Obj[], i, init);
  };
  const appendTo = (o: Obj, key: string, delta: unknown) => {
    const d = str(delta);
    if (!d) return;
    o[key] = (str(o[key]) ?? '') + d;
    content();
  };

  const onEvent = (e: Obj, type: string) => {
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        if (isObj(e['response'])) applyResponseObject(res, e['response'], false);
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        if (isObj(e['response'])) {
          applyResponseObject(res, e['response'], false);
          const output = arr(e['response']['output']);
          if (output.length > 0) finalOutput = output;
        }
        // a failed response is over, but it did not complete: it is marked by its error
        res.complete = type !== 'response.failed';
        break;
      case 'error':
        res.error = errorFromObject(isObj(e['error']) ? e['error'] : e);
        break;
      case 'response.output_item.added':
      case 'response.output_item.done': {
        const item = e['item'];
        if (!isObj(item)) break;
        const idx = num(e['output_index']) ?? items.length;
        const id = str(item['id']);
        if (id !== null) byId.set(id, idx);
        items[idx] = JSON.parse(JSON.stringify(item)) as Obj;
        const t = str(item['type']);
        if (t === 'function_call' || t === 'custom_tool_call') content();
        break;
      }
      case 'response.output_text.delta':
        appendTo(part(itemFor(e), 'content', num(e['content_index']) ?? 0, { type: 'output_text', text: '' }), 'text', e['delta']);
        break;
      case 'response.output_text.done':
        part(itemFor(e), 'content', num(e['content_index']) ?? 0, { type: 'output_text' })['text'] = str(e['text']) ?? '';
        break;
      case 'response.refusal.delta':
        appendTo(part(itemFor(e), 'content', num(e['content_index']) ?? 0, { type: 'refusal', refusal: '' }), 'refusal', e['delta']);
        break;
      case 'response.refusal.done':
        part(itemFor(e), 'content', num(e['content_index']) ?? 0, { type: 'refusal' })['refusal'] = str(e['refusal']) ?? '';
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_summary_text.done':
      case 'response.reasoning_text.delta':
      case 'response.reasoning_text.done': {
        const item = itemFor(e);
        item['type'] = 'reasoning';
        const summary = type.startsWith('response.reasoning_summary');
        const i = num(summary ? e['summary_index'] : e['content_index']) ?? 0;
        const p = part(item, summary ? 'summary' : 'content', i, { type: summary ? 'summary_text' : 'reasoning_text', text: '' });
        if (type.endsWith('.delta')) appendTo(p, 'text', e['delta']);
        else p['text'] = str(e['text']) ?? str(p['text']) ?? '';
        break;
      }
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta': {
        const item = itemFor(e);
        const key = type.includes('custom') ? 'input' : 'arguments';
        if (item['type'] === 'message') item['type'] = type.includes('custom') ? 'custom_tool_call' : 'function_call';
        appendTo(item, key, e['delta']);
        content();
        break;
      }
      case 'response.function_call_arguments.done':
      case 'response.custom_tool_call_input.done': {
        const item = itemFor(e);
        const key = type.includes('custom') ? 'input' : 'arguments';
        const v = str(e[key]);
        if (v !== null) item[key] = v;
        if (str(e['name'])) item['name'] = e['name'];
        break;
      }
      default:
      // annotations, built-in tool progress, content_part.added/done: nothing the reply needs
    }
  };

  const build = (): LlmResponse => {
    const output = finalOutput ?? items.filter((x) => x !== undefined);
    const parts = outputItemParts(output);
    const started = output.length > 0 || (res.complete && res.error === null);
    return {
      ...res,
      message: started ? { role: 'assistant', parts } : null,
      citations: citationsOf(output),
      error: res.error ? { ...res.error } : null,
    };
  };

  return sseStreamParser({
    onEvent(data, event, onContent) {
      content = onContent;
      const json = data === '[DONE]' ? null : tryJson(data);
      if (isObj(json)) onEvent(json, str(json['type']) ?? event ?? '');
    },
    build,
    onNoEvents(body) {
      res.error = errorFromBody(body);
    },
  });
}

export const openaiResponses: ProviderModule = {
  id: 'openai.responses',
  recognise(input: RecogniseInput) {
    if (input.method.toUpperCase() !== 'POST' || !RESPONSES_PATH.test(input.path)) return null;
    return { provider: providerForHost(input.host), api: 'openai.responses' };
  },
  parseRequest: parseResponsesRequest,
  streamParser: (_ctx, contentType) => (isEventStream(contentType) ? createResponsesStreamParser() : null),
  parseResponse: parseResponsesResponse,
};
