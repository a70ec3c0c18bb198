import type { ContentPart, LlmMessage, ToolDef } from '../../../src-main/contract/index.js';

/**
 * The normalised conversation written back in each SDK's wire shape, so a snippet rebuilds the request from what the
 * inspector understood (and works even for a request another provider's client sent).
 */

type Json = Record<string, unknown>;

function texts(parts: ContentPart[]): string {
  return parts.map((p) => (p.type === 'text' || p.type === 'refusal' ? p.text : '')).join('');
}

function onlyText(parts: ContentPart[]): boolean {
  return parts.every((p) => p.type === 'text');
}

/** `data:image/png;base64,AAA` → its media type and payload. */
export function splitDataUrl(url: string): { mediaType: string; data: string } | null {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (!m || !m[2]) return null;
  return { mediaType: m[1] ?? 'application/octet-stream', data: m[3] ?? '' };
}

// ---- OpenAI chat completions

function chatContent(parts: ContentPart[]): unknown {
  const shown = parts.filter((p) => p.type === 'text' || p.type === 'image');
  if (onlyText(shown)) return texts(shown);
  return shown.map((p) => (p.type === 'image' ? { type: 'image_url', image_url: { url: p.url ?? '' } } : { type: 'text', text: p.type === 'text' ? p.text : '' }));
}

export function toOpenAiChatMessages(messages: LlmMessage[]): Json[] {
  const out: Json[] = [];
  for (const m of messages) {
    const results = m.parts.filter((p) => p.type === 'tool_result');
    for (const r of results) out.push({ role: 'tool', tool_call_id: r.toolCallId ?? '', content: r.content });
    const rest = m.parts.filter((p) => p.type !== 'tool_result');
    if (m.role === 'tool' || (results.length > 0 && rest.length === 0)) continue;
    if (m.role === 'assistant') {
      const calls = rest.filter((p) => p.type === 'tool_call');
      const text = texts(rest);
      const msg: Json = { role: 'assistant', content: text === '' && calls.length > 0 ? null : text };
      if (calls.length > 0) msg['tool_calls'] = calls.map((c) => ({ id: c.id ?? '', type: 'function', function: { name: c.name, arguments: c.arguments } }));
      out.push(msg);
    } else out.push({ role: m.role, content: chatContent(rest) });
  }
  return out;
}

export function toOpenAiChatTools(tools: ToolDef[]): Json[] {
  return tools.map((t) => {
    const fn: Json = { name: t.name };
    if (t.description !== null) fn['description'] = t.description;
    if (t.parameters !== null) fn['parameters'] = t.parameters;
    return { type: 'function', function: fn };
  });
}

// ---- OpenAI Responses

/** Responses `input`: a plain string when the request was one user text, items otherwise. */
export function toResponsesInput(messages: LlmMessage[]): unknown {
  const only = messages.length === 1 ? messages[0] : undefined;
  if (only && only.role === 'user' && onlyText(only.parts)) return texts(only.parts);
  const out: Json[] = [];
  for (const m of messages) {
    for (const p of m.parts) {
      if (p.type === 'tool_result') out.push({ type: 'function_call_output', call_id: p.toolCallId ?? '', output: p.content });
    }
    const rest = m.parts.filter((p) => p.type !== 'tool_result' && p.type !== 'thinking');
    if (rest.length === 0) continue;
    if (m.role === 'assistant') {
      const text = texts(rest);
      if (text) out.push({ role: 'assistant', content: text });
      for (const p of rest) if (p.type === 'tool_call') out.push({ type: 'function_call', call_id: p.id ?? '', name: p.name, arguments: p.arguments });
    } else if (onlyText(rest)) out.push({ role: m.role === 'tool' ? 'user' : m.role, content: texts(rest) });
    else {
      const content = rest.map((p) => (p.type === 'image' ? { type: 'input_image', image_url: p.url ?? '' } : { type: 'input_text', text: p.type === 'text' ? p.text : '' }));
      out.push({ role: m.role === 'tool' ? 'user' : m.role, content });
    }
  }
  return out;
}

export function toResponsesTools(tools: ToolDef[]): Json[] {
  return tools.map((t) => {
    // built-in tools (web_search, file_search, …) carry no schema: their name is their type
    if (t.parameters === null && t.description === null) return { type: t.name };
    const tool: Json = { type: 'function', name: t.name };
    if (t.description !== null) tool['description'] = t.description;
    if (t.parameters !== null) tool['parameters'] = t.parameters;
    return tool;
  });
}

// ---- Anthropic Messages

function anthropicBlock(p: ContentPart): Json | null {
  switch (p.type) {
    case 'text':
      return { type: 'text', text: p.text };
    case 'refusal':
      return { type: 'text', text: p.text };
    case 'image': {
      const data = p.url ? splitDataUrl(p.url) : null;
      if (data) return { type: 'image', source: { type: 'base64', media_type: p.mediaType ?? data.mediaType, data: data.data } };
      return { type: 'image', source: { type: 'url', url: p.url ?? '' } };
    }
    case 'thinking':
      // the API only accepts thinking sent back with its signature
      if (p.signature === null) return null;
      return p.redacted ? { type: 'redacted_thinking', data: p.signature } : { type: 'thinking', thinking: p.text, signature: p.signature };
    case 'tool_call':
      return { type: 'tool_use', id: p.id ?? '', name: p.name, input: p.parsed ?? {} };
    case 'tool_result': {
      const block: Json = { type: 'tool_result', tool_use_id: p.toolCallId ?? '', content: p.content };
      if (p.isError) block['is_error'] = true;
      return block;
    }
  }
}

/** System text apart (Anthropic takes it as `system`), user/assistant turns merged so roles alternate. */
export function toAnthropicMessages(messages: LlmMessage[]): { system: string | null; messages: Json[] } {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; blocks: Json[] }> = [];
  for (const m of messages) {
    if (m.role === 'system' || m.role === 'developer') {
      system.push(texts(m.parts));
      continue;
    }
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const blocks = m.parts.map(anthropicBlock).filter((b): b is Json => b !== null);
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.blocks.push(...blocks);
    else turns.push({ role, blocks });
  }
  const out = turns.map(({ role, blocks }) => {
    const first = blocks[0];
    const content = blocks.length === 1 && first && first['type'] === 'text' ? first['text'] : blocks;
    return { role, content };
  });
  return { system: system.length > 0 ? system.join('\n\n') : null, messages: out };
}

export function toAnthropicTools(tools: ToolDef[]): Json[] {
  return tools.map((t) => {
    const tool: Json = { name: t.name };
    if (t.description !== null) tool['description'] = t.description;
    tool['input_schema'] = t.parameters ?? { type: 'object', properties: {} };
    return tool;
  });
}

/** The texts of the user messages, for APIs whose input is a string or a list of strings (embeddings, completions). */
export function userTexts(messages: LlmMessage[]): string[] {
  return messages.filter((m) => m.role === 'user').flatMap((m) => m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])));
}
