import type { ContentPart, LlmMessage, ToolDef } from '../contract/index.js';
import { arr, isObj, str } from './stream-framing.js';

/**
 * Anthropic content blocks → normalised parts, shared by requests (user/assistant history), whole responses and the
 * stream accumulator (which builds the same block objects and converts them at the end).
 */

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** A tool call part from a tool input: arguments as JSON text, parsed kept when it is valid JSON. */
export function toolCallPart(id: string | null, name: string, input: unknown): ContentPart {
  const args = input === undefined || input === null ? '{}' : safeStringify(input);
  return { type: 'tool_call', id, name, arguments: args, parsed: input ?? {} };
}

/** A tool call from streamed JSON text: empty ⇒ "{}"; JSON cut short (max_tokens) keeps the raw text with parsed null. */
export function toolCallFromJson(id: string | null, name: string, json: string): ContentPart {
  if (json.trim() === '') return { type: 'tool_call', id, name, arguments: '{}', parsed: {} };
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = null;
  }
  return { type: 'tool_call', id, name, arguments: json, parsed };
}

function imageUrl(source: unknown): { mediaType: string | null; url: string | null } {
  if (!isObj(source)) return { mediaType: null, url: null };
  const mediaType = str(source['media_type']);
  const type = str(source['type']);
  if (type === 'base64') {
    const data = str(source['data']);
    return { mediaType, url: data === null ? null : `data:${mediaType ?? 'application/octet-stream'};base64,${data}` };
  }
  if (type === 'url') return { mediaType, url: str(source['url']) };
  if (type === 'file') {
    const id = str(source['file_id']);
    return { mediaType, url: id === null ? null : `anthropic-file:${id}` };
  }
  return { mediaType, url: null };
}

/** Text of a tool_result / server tool result `content`: a string, text blocks joined, other blocks as JSON. */
export function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((b) => {
        if (!isObj(b)) return '';
        const t = str(b['type']);
        if (t === 'text') return str(b['text']) ?? '';
        if (t === 'image') return '[image]';
        return safeStringify(b);
      })
      .join('\n');
  }
  if (content === undefined || content === null) return '';
  return safeStringify(content);
}

function isErrorResult(block: Record<string, unknown>): boolean {
  if (block['is_error'] === true) return true;
  const c = block['content'];
  return isObj(c) && (str(c['type']) ?? '').endsWith('_error');
}

/** One content block → parts (usually one; unknown or bookkeeping blocks yield none). */
export function blockToParts(block: unknown): ContentPart[] {
  if (typeof block === 'string') return [{ type: 'text', text: block }];
  if (!isObj(block)) return [];
  const type = str(block['type']) ?? '';
  switch (type) {
    case 'text':
      return [{ type: 'text', text: str(block['text']) ?? '' }];
    case 'image': {
      const { mediaType, url } = imageUrl(block['source']);
      return [{ type: 'image', mediaType, url }];
    }
    case 'document': {
      const source = block['source'];
      if (isObj(source) && str(source['type']) === 'text') return [{ type: 'text', text: str(source['data']) ?? '' }];
      if (isObj(source) && str(source['type']) === 'content') return arr(source['content']).flatMap(blockToParts);
      const title = str(block['title']);
      const mediaType = isObj(source) ? str(source['media_type']) : null;
      return [{ type: 'text', text: `[document${mediaType ? ' ' + mediaType : ''}${title ? ': ' + title : ''}]` }];
    }
    case 'thinking':
      return [{ type: 'thinking', text: str(block['thinking']) ?? '', signature: str(block['signature']) || null, redacted: false }];
    case 'redacted_thinking':
      return [{ type: 'thinking', text: '', signature: str(block['data']), redacted: true }];
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use':
      return [toolCallPart(str(block['id']), str(block['name']) ?? '', block['input'])];
    case 'tool_result':
    case 'mcp_tool_result':
      return [
        {
          type: 'tool_result',
          toolCallId: str(block['tool_use_id']),
          name: null,
          content: resultText(block['content']),
          isError: isErrorResult(block),
        },
      ];
    default:
      // server tool results: web_search_tool_result, web_fetch_tool_result, bash_code_execution_tool_result, …
      if (type.endsWith('_tool_result')) {
        return [
          {
            type: 'tool_result',
            toolCallId: str(block['tool_use_id']),
            name: type.slice(0, -'_tool_result'.length),
            content: resultText(block['content']),
            isError: isErrorResult(block),
          },
        ];
      }
      return [];
  }
}

/** A message's `content`: a plain string or an array of blocks. */
export function contentToParts(content: unknown): ContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return arr(content).flatMap(blockToParts);
}

/** `system`: a string or text blocks → one system message (none when empty). */
export function systemMessage(system: unknown): LlmMessage | null {
  if (system === undefined || system === null) return null;
  const parts = contentToParts(system);
  if (parts.length === 0) return null;
  return { role: 'system', parts };
}

/** Custom tools carry input_schema; server tools (web_search_…, bash_…) only a type and a name. */
export function toolDefs(tools: unknown): ToolDef[] {
  return arr(tools).flatMap((t): ToolDef[] => {
    if (!isObj(t)) return [];
    const name = str(t['name']) ?? str(t['type']);
    if (name === null) return [];
    return [{ name, description: str(t['description']), parameters: t['input_schema'] ?? null }];
  });
}

/** URLs (or document titles) cited by a text block's citations. */
export function citationRefs(citations: unknown): string[] {
  return arr(citations).flatMap((c) => {
    if (!isObj(c)) return [];
    const ref = str(c['url']) ?? str(c['document_title']) ?? str(c['title']);
    return ref ? [ref] : [];
  });
}
