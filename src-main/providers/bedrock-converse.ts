import type { ContentPart, LlmError, LlmMessage, LlmRequest, LlmResponse, ToolDef } from '../contract/index.js';
import { toolCallFromJson, toolCallPart } from './anthropic-content.js';
import { createAnthropicAccumulator, parseAnthropicRequest, parseAnthropicResponse } from './anthropic-messages.js';
import { bedrockUsage } from './anthropic-usage.js';
import { createEventStreamDecoder, type EventStreamMessage } from './aws-eventstream.js';
import type { ParseContext, ProviderModule, Recognition, RecogniseInput, StreamParser } from './provider-module.js';
import { arr, isObj, num, str, tryJson } from './stream-framing.js';

/**
 * AWS Bedrock runtime: Converse (`/model/{id}/converse`, `/converse-stream`) and, when the body is Anthropic's,
 * InvokeModel (`/model/{id}/invoke`, `/invoke-with-response-stream`). Streams are binary AWS event-stream frames.
 */

const HOST = /^bedrock-runtime(-fips)?\.[a-z0-9-]+\.amazonaws\.com(:\d+)?$/i;
const PATH = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)\/?$/;

function recognise(input: RecogniseInput): Recognition | null {
  if (input.method.toUpperCase() !== 'POST' || !HOST.test(input.host)) return null;
  const m = PATH.exec(input.path);
  if (!m) return null;
  const op = m[2]!;
  if (op === 'converse') return { provider: 'bedrock', api: 'bedrock.converse' };
  if (op === 'converse-stream') return { provider: 'bedrock', api: 'bedrock.converse-stream' };
  // InvokeModel bodies are the vendor's native format: only Anthropic's is understood here
  if (!isObj(input.body) || typeof input.body['anthropic_version'] !== 'string') return null;
  return { provider: 'bedrock', api: op === 'invoke' ? 'bedrock.invoke' : 'bedrock.invoke-stream' };
}

function urlModel(ctx: ParseContext): string | null {
  if (ctx.urlModel) return ctx.urlModel;
  const id = PATH.exec(ctx.path)?.[1];
  if (!id) return null;
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

const isInvoke = (ctx: ParseContext) => ctx.api === 'bedrock.invoke' || ctx.api === 'bedrock.invoke-stream';

// ---- requests ----

function imagePart(image: Record<string, unknown>): ContentPart {
  const format = str(image['format']);
  const mediaType = format ? `image/${format === 'jpg' ? 'jpeg' : format}` : null;
  const source = isObj(image['source']) ? image['source'] : {};
  const bytes = str(source['bytes']);
  const s3 = isObj(source['s3Location']) ? str(source['s3Location']['uri']) : null;
  return { type: 'image', mediaType, url: bytes !== null ? `data:${mediaType ?? 'application/octet-stream'};base64,${bytes}` : s3 };
}

function resultContent(content: unknown): string {
  return arr(content)
    .map((c) => {
      if (!isObj(c)) return '';
      if (typeof c['text'] === 'string') return c['text'];
      if ('json' in c) return JSON.stringify(c['json']) ?? '';
      if (isObj(c['image'])) return '[image]';
      if (isObj(c['document'])) return '[document]';
      return JSON.stringify(c) ?? '';
    })
    .join('\n');
}

/** One Converse content block → parts (cachePoint and unknown blocks yield none). */
export function converseBlockParts(block: unknown): ContentPart[] {
  if (!isObj(block)) return [];
  if (typeof block['text'] === 'string') return [{ type: 'text', text: block['text'] }];
  if (isObj(block['image'])) return [imagePart(block['image'])];
  if (isObj(block['document'])) {
    const d = block['document'];
    return [{ type: 'text', text: `[document${str(d['format']) ? ' ' + str(d['format']) : ''}${str(d['name']) ? ': ' + str(d['name']) : ''}]` }];
  }
  if (isObj(block['toolUse'])) {
    const t = block['toolUse'];
    return [toolCallPart(str(t['toolUseId']), str(t['name']) ?? '', t['input'])];
  }
  if (isObj(block['toolResult'])) {
    const r = block['toolResult'];
    return [{ type: 'tool_result', toolCallId: str(r['toolUseId']), name: null, content: resultContent(r['content']), isError: r['status'] === 'error' }];
  }
  if (isObj(block['reasoningContent'])) {
    const rc = block['reasoningContent'];
    if (isObj(rc['reasoningText'])) {
      const rt = rc['reasoningText'];
      return [{ type: 'thinking', text: str(rt['text']) ?? '', signature: str(rt['signature']), redacted: false }];
    }
    if (rc['redactedContent'] !== undefined) return [{ type: 'thinking', text: '', signature: str(rc['redactedContent']), redacted: true }];
    return [];
  }
  if (isObj(block['guardContent']) && isObj(block['guardContent']['text'])) {
    return [{ type: 'text', text: str(block['guardContent']['text']['text']) ?? '' }];
  }
  return [];
}

const NOT_PARAMETERS = new Set(['messages', 'system', 'toolConfig', 'inferenceConfig', 'requestMetadata', 'modelId']);

export function parseConverseRequest(body: unknown, ctx: ParseContext): LlmRequest {
  const b = isObj(body) ? body : {};
  const parameters: Record<string, unknown> = {};
  if (isObj(b['inferenceConfig'])) Object.assign(parameters, b['inferenceConfig']);
  for (const [k, v] of Object.entries(b)) if (!NOT_PARAMETERS.has(k)) parameters[k] = v;
  const toolConfig = isObj(b['toolConfig']) ? b['toolConfig'] : {};
  if (toolConfig['toolChoice'] !== undefined) parameters['toolChoice'] = toolConfig['toolChoice'];
  const messages: LlmMessage[] = [];
  const system = arr(b['system']).flatMap(converseBlockParts);
  if (system.length > 0) messages.push({ role: 'system', parts: system });
  for (const m of arr(b['messages'])) {
    if (!isObj(m)) continue;
    messages.push({ role: m['role'] === 'assistant' ? 'assistant' : 'user', parts: arr(m['content']).flatMap(converseBlockParts) });
  }
  const tools = arr(toolConfig['tools']).flatMap((t): ToolDef[] => {
    const spec = isObj(t) && isObj(t['toolSpec']) ? t['toolSpec'] : null;
    const name = spec ? str(spec['name']) : null;
    if (!spec || name === null) return [];
    const schema = isObj(spec['inputSchema']) ? spec['inputSchema']['json'] ?? spec['inputSchema'] : null;
    return [{ name, description: str(spec['description']), parameters: schema ?? null }];
  });
  const md: Record<string, string> = {};
  if (isObj(b['requestMetadata'])) for (const [k, v] of Object.entries(b['requestMetadata'])) if (typeof v === 'string') md[k] = v;
  return {
    model: urlModel(ctx),
    stream: ctx.api === 'bedrock.converse-stream',
    parameters,
    messages,
    tools,
    hints: { user: null, sessionId: null, previousResponseId: null, metadata: Object.keys(md).length > 0 ? md : null },
  };
}

// ---- responses ----

function converseError(body: unknown, status: number | null): LlmError | null {
  const b = isObj(body) ? body : {};
  if (status !== null && status >= 400) {
    return { type: str(b['__type'])?.split('#').pop() ?? `http_${status}`, message: str(b['message']) ?? str(b['Message']) ?? '' };
  }
  return null;
}

export function parseConverseResponse(body: unknown, ctx: ParseContext): LlmResponse {
  const b = isObj(body) ? body : {};
  const error = converseError(body, ctx.status);
  const output = isObj(b['output']) ? b['output'] : {};
  const msg = isObj(output['message']) ? output['message'] : null;
  return {
    responseModel: null,
    responseId: null,
    message: msg && !error ? { role: 'assistant', parts: arr(msg['content']).flatMap(converseBlockParts) } : null,
    finishReason: str(b['stopReason']),
    usage: bedrockUsage(b['usage']),
    rawUsage: b['usage'] ?? null,
    error,
    citations: [],
    complete: true,
  };
}

interface StreamBlock {
  index: number;
  text: string;
  reasoning: string;
  signature: string;
  redacted: string | null;
  tool: { id: string | null; name: string; json: string } | null;
}

/** converse-stream: decoded event payloads (by `:event-type`) → response. */
function converseStreamParser(): StreamParser {
  const blocks = new Map<number, StreamBlock>();
  let stopReason: string | null = null;
  let usage: unknown = null;
  let error: LlmError | null = null;
  let started = false;
  let stopped = false;
  let first: number | null = null;
  const block = (index: number): StreamBlock => {
    let s = blocks.get(index);
    if (!s) blocks.set(index, (s = { index, text: '', reasoning: '', signature: '', redacted: null, tool: null }));
    return s;
  };
  const content = (at: number) => (first ??= at);

  const onEvent = (type: string, p: Record<string, unknown>, at: number) => {
    const idx = num(p['contentBlockIndex']) ?? 0;
    if (type === 'messageStart') started = true;
    else if (type === 'contentBlockStart') {
      const tool = isObj(p['start']) && isObj(p['start']['toolUse']) ? p['start']['toolUse'] : null;
      if (tool) {
        block(idx).tool = { id: str(tool['toolUseId']), name: str(tool['name']) ?? '', json: '' };
        content(at);
      }
    } else if (type === 'contentBlockDelta' && isObj(p['delta'])) {
      const d = p['delta'];
      const s = block(idx);
      if (typeof d['text'] === 'string') {
        s.text += d['text'];
        if (d['text']) content(at);
      } else if (isObj(d['toolUse'])) {
        s.tool ??= { id: null, name: '', json: '' };
        s.tool.json += str(d['toolUse']['input']) ?? '';
        content(at);
      } else if (isObj(d['reasoningContent'])) {
        const r = d['reasoningContent'];
        s.reasoning += str(r['text']) ?? '';
        s.signature += str(r['signature']) ?? '';
        if (r['redactedContent'] !== undefined) s.redacted = (s.redacted ?? '') + (str(r['redactedContent']) ?? '');
        if (str(r['text'])) content(at);
      }
    } else if (type === 'messageStop') {
      stopped = true;
      stopReason = str(p['stopReason']) ?? stopReason;
    } else if (type === 'metadata') {
      if (isObj(p['usage'])) usage = p['usage'];
    }
  };

  const build = (ended: boolean): LlmResponse => {
    const parts = [...blocks.values()]
      .sort((a, b) => a.index - b.index)
      .flatMap((s): ContentPart[] => {
        const out: ContentPart[] = [];
        if (s.reasoning || s.signature) out.push({ type: 'thinking', text: s.reasoning, signature: s.signature || null, redacted: false });
        if (s.redacted !== null) out.push({ type: 'thinking', text: '', signature: s.redacted, redacted: true });
        if (s.text) out.push({ type: 'text', text: s.text });
        if (s.tool) out.push(toolCallFromJson(s.tool.id, s.tool.name, s.tool.json));
        return out;
      });
    return {
      responseModel: null,
      responseId: null,
      message: started || parts.length > 0 ? { role: 'assistant', parts } : null,
      finishReason: stopReason,
      usage: bedrockUsage(usage),
      rawUsage: usage,
      error,
      citations: [],
      complete: ended && stopped && error === null,
    };
  };

  return eventStreamParser((m, at) => {
    const kind = str(m.headers[':message-type']) ?? 'event';
    const payload = tryJson(new TextDecoder().decode(m.payload));
    if (kind !== 'event') {
      error = frameError(m, payload);
      return;
    }
    if (isObj(payload)) onEvent(str(m.headers[':event-type']) ?? '', payload, at);
  }, build, () => first);
}

function frameError(m: EventStreamMessage, payload: unknown): LlmError {
  const p = isObj(payload) ? payload : {};
  const type = str(m.headers[':exception-type']) ?? str(m.headers[':error-code']) ?? 'exception';
  return { type, message: str(p['message']) ?? str(p['Message']) ?? str(m.headers[':error-message']) ?? '' };
}

/** invoke-with-response-stream: `chunk` frames carry {"bytes": base64 of an Anthropic event}. */
function invokeStreamParser(): StreamParser {
  const acc = createAnthropicAccumulator();
  let frameErr: LlmError | null = null;
  return eventStreamParser(
    (m, at) => {
      const kind = str(m.headers[':message-type']) ?? 'event';
      const payload = tryJson(new TextDecoder().decode(m.payload));
      if (kind !== 'event') {
        frameErr = frameError(m, payload);
        return;
      }
      const bytes = isObj(payload) ? str(payload['bytes']) : null;
      if (bytes !== null) acc.handle(tryJson(Buffer.from(bytes, 'base64').toString('utf8')), at);
    },
    (ended) => {
      const r = acc.build(ended);
      return frameErr ? { ...r, error: r.error ?? frameErr, complete: false } : r;
    },
    () => acc.firstContentAtMs,
  );
}

/** Wraps the frame decoder: frames → `onFrame`; a frame that failed its CRC leaves the response incomplete. */
function eventStreamParser(
  onFrame: (m: EventStreamMessage, atMs: number) => void,
  build: (ended: boolean) => LlmResponse,
  firstContent: () => number | null,
): StreamParser {
  let at = 0;
  let damaged = false;
  const decoder = createEventStreamDecoder(
    (m) => onFrame(m, at),
    () => (damaged = true),
  );
  let ended: LlmResponse | null = null;
  const finish = (end: boolean): LlmResponse => {
    const r = build(end);
    return damaged ? { ...r, complete: false } : r;
  };
  return {
    push(chunk, atMs) {
      if (ended) return;
      at = atMs;
      decoder.push(chunk);
    },
    get firstContentAtMs() {
      return firstContent();
    },
    snapshot: () => ended ?? finish(false),
    end() {
      if (!ended) {
        decoder.end();
        ended = finish(true);
      }
      return ended;
    },
  };
}

export const bedrockConverse: ProviderModule = {
  id: 'bedrock',
  recognise,
  parseRequest(body, ctx) {
    if (isInvoke(ctx)) {
      const r = parseAnthropicRequest(body, ctx);
      return { ...r, model: urlModel(ctx) ?? r.model };
    }
    return parseConverseRequest(body, ctx);
  },
  streamParser(ctx, contentType) {
    if (contentType !== null && !/vnd\.amazon\.eventstream/i.test(contentType)) return null;
    if (ctx.api === 'bedrock.converse-stream') return converseStreamParser();
    if (ctx.api === 'bedrock.invoke-stream') return invokeStreamParser();
    return null;
  },
  parseResponse(body, ctx) {
    return isInvoke(ctx) ? parseAnthropicResponse(body, ctx) : parseConverseResponse(body, ctx);
  },
};
