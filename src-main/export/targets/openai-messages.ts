import type { Example, ExMessage, ExTool } from '../example.js';
import { hasParallelCalls, userText } from '../example.js';

/**
 * OpenAI chat messages as the fine-tuning file wants them (also the base of DPO inputs): user content is a string, or
 * parts when images come along; assistant tool calls carry their arguments as a JSON *string*; tool turns answer a
 * `tool_call_id`.
 */
export function openAiMessage(m: ExMessage, withWeight: boolean): Record<string, unknown> {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.text };
    case 'user':
      if (m.parts.every((p) => p.type === 'text')) return { role: 'user', content: userText(m.parts) };
      return {
        role: 'user',
        content: m.parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: p.url } })),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    case 'assistant': {
      const out: Record<string, unknown> = { role: 'assistant' };
      // an assistant turn that only calls tools has no content key (as in OpenAI's own examples)
      if (m.text !== '' || m.toolCalls.length === 0) out['content'] = m.text;
      if (m.toolCalls.length > 0) {
        out['tool_calls'] = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
      }
      if (withWeight && m.weight !== null) out['weight'] = m.weight;
      return out;
    }
  }
}

/** `tools` in the Chat Completions request shape. */
export function openAiTools(tools: readonly ExTool[]): Record<string, unknown>[] {
  return tools.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...(t.parameters !== null && t.parameters !== undefined ? { parameters: t.parameters } : {}),
    },
  }));
}

/** `tools` and `parallel_tool_calls` for a line, only when the example has tools. */
export function openAiToolFields(e: Example): Record<string, unknown> {
  if (e.tools.length === 0) return {};
  return { tools: openAiTools(e.tools), parallel_tool_calls: e.parallelToolCalls ?? hasParallelCalls(e.messages) };
}
