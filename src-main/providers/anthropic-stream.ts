import type { ContentPart, LlmError, LlmResponse } from '../contract/index.js';
import { anthropicUsage, mergeUsage } from './anthropic-usage.js';
import { blockToParts, citationRefs, toolCallFromJson } from './anthropic-content.js';
import { isObj, num, str } from './stream-framing.js';

/**
 * Reassembles an Anthropic Messages stream from its decoded events (SSE `data:` objects, or the Anthropic events
 * Bedrock invoke-with-response-stream and Vertex streamRawPredict carry). Never throws.
 */
export interface AnthropicAccumulator {
  /** one decoded event object (`{type: …}`) that arrived at `atMs` */
  handle(event: unknown, atMs: number): void;
  readonly firstContentAtMs: number | null;
  /** the response so far; `ended` marks the stream as over (complete only if message_stop arrived) */
  build(ended: boolean): LlmResponse;
}

interface Block {
  index: number;
  /** the content_block from content_block_start (the non-streamed shape) */
  start: Record<string, unknown>;
  text: string;
  thinking: string;
  signature: string;
  json: string;
  /** saw input_json_delta (otherwise start.input is the whole input) */
  streamedJson: boolean;
  citations: string[];
}

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

function blockParts(b: Block): ContentPart[] {
  const type = str(b.start['type']) ?? '';
  if (type === 'text') return [{ type: 'text', text: (str(b.start['text']) ?? '') + b.text }];
  if (type === 'thinking') {
    const signature = (str(b.start['signature']) ?? '') + b.signature;
    return [{ type: 'thinking', text: (str(b.start['thinking']) ?? '') + b.thinking, signature: signature || null, redacted: false }];
  }
  if (TOOL_BLOCKS.has(type) && b.streamedJson) return [toolCallFromJson(str(b.start['id']), str(b.start['name']) ?? '', b.json)];
  return blockToParts(b.start);
}

export function createAnthropicAccumulator(): AnthropicAccumulator {
  let started = false;
  let id: string | null = null;
  let model: string | null = null;
  let stopReason: string | null = null;
  let usage: unknown = null;
  let error: LlmError | null = null;
  let stopped = false;
  let firstContentAtMs: number | null = null;
  const blocks = new Map<number, Block>();
  const citations: string[] = [];

  const content = (atMs: number) => {
    if (firstContentAtMs === null) firstContentAtMs = atMs;
  };
  const cite = (refs: string[]) => {
    for (const r of refs) if (!citations.includes(r)) citations.push(r);
  };
  const blockAt = (index: number): Block => {
    let b = blocks.get(index);
    if (!b) {
      // a delta without its start (cut or reordered stream): assume text
      b = { index, start: { type: 'text', text: '' }, text: '', thinking: '', signature: '', json: '', streamedJson: false, citations: [] };
      blocks.set(index, b);
    }
    return b;
  };

  const handle = (ev: Record<string, unknown>, atMs: number) => {
    switch (str(ev['type'])) {
      case 'message_start': {
        started = true;
        const m = ev['message'];
        if (!isObj(m)) break;
        id = str(m['id']) ?? id;
        model = str(m['model']) ?? model;
        if (isObj(m['usage'])) usage = mergeUsage(usage, m['usage']);
        break;
      }
      case 'content_block_start': {
        const index = num(ev['index']) ?? blocks.size;
        const start = isObj(ev['content_block']) ? ev['content_block'] : { type: 'text', text: '' };
        blocks.set(index, { index, start, text: '', thinking: '', signature: '', json: '', streamedJson: false, citations: [] });
        const type = str(start['type']) ?? '';
        if (TOOL_BLOCKS.has(type) || type === 'redacted_thinking' || str(start['text']) || str(start['thinking'])) content(atMs);
        cite(citationRefs(start['citations']));
        break;
      }
      case 'content_block_delta': {
        const b = blockAt(num(ev['index']) ?? 0);
        const d = ev['delta'];
        if (!isObj(d)) break;
        switch (str(d['type'])) {
          case 'text_delta': {
            const t = str(d['text']) ?? '';
            b.text += t;
            if (t) content(atMs);
            break;
          }
          case 'thinking_delta': {
            const t = str(d['thinking']) ?? '';
            b.thinking += t;
            if (t) content(atMs);
            break;
          }
          case 'signature_delta':
            b.signature += str(d['signature']) ?? '';
            break;
          case 'input_json_delta': {
            const t = str(d['partial_json']) ?? '';
            b.json += t;
            b.streamedJson = true;
            if (t) content(atMs);
            break;
          }
          case 'citations_delta':
            cite(citationRefs([d['citation']]));
            break;
        }
        break;
      }
      case 'message_delta': {
        const d = ev['delta'];
        if (isObj(d)) stopReason = str(d['stop_reason']) ?? stopReason;
        if (isObj(ev['usage'])) usage = mergeUsage(usage, ev['usage']);
        break;
      }
      case 'message_stop':
        stopped = true;
        break;
      case 'error': {
        const e = isObj(ev['error']) ? ev['error'] : ev;
        error = { type: str(e['type']) ?? 'error', message: str(e['message']) ?? '' };
        break;
      }
      // ping, content_block_stop (tool JSON is parsed when the response is built) and unknown events: nothing to do
    }
  };

  return {
    handle(event, atMs) {
      try {
        if (isObj(event)) handle(event, atMs);
      } catch {
        // never throw into the tee
      }
    },
    get firstContentAtMs() {
      return firstContentAtMs;
    },
    build(ended) {
      const ordered = [...blocks.values()].sort((a, b) => a.index - b.index);
      const parts = ordered.flatMap(blockParts);
      return {
        responseModel: model,
        responseId: id,
        message: started || parts.length > 0 ? { role: 'assistant', parts } : null,
        finishReason: stopReason,
        usage: anthropicUsage(usage),
        rawUsage: usage,
        error,
        citations: [...citations],
        complete: ended ? stopped && error === null : false,
      };
    },
  };
}
