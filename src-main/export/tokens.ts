import type { ContentPart, LlmMessage } from '../contract/index.js';
import { estimateUsage } from '../providers/index.js';
import type { Example } from './example.js';

/**
 * Tokens of an example as written: o200k (gpt-tokenizer) counts of every message with OpenAI's chat framing and the
 * tool definitions, through the same counter the usage estimates use (exact up to a character budget, extrapolated
 * beyond, so a huge example costs milliseconds). For other model families it is an approximation, as limits are.
 */
export function exampleTokens(e: Example): number {
  const messages: LlmMessage[] = e.messages.map((m): LlmMessage => {
    switch (m.role) {
      case 'system':
        return { role: 'system', parts: [{ type: 'text', text: m.text }] };
      case 'user':
        return {
          role: 'user',
          parts: m.parts.map((p): ContentPart => (p.type === 'text' ? p : { type: 'image', url: p.url, mediaType: p.mediaType })),
        };
      case 'tool':
        return { role: 'tool', parts: [{ type: 'tool_result', toolCallId: m.toolCallId, name: m.name, content: m.content, isError: m.isError }] };
      case 'assistant':
        return {
          role: 'assistant',
          parts: [
            ...m.thinking.map((t): ContentPart => ({ type: 'thinking', text: t, signature: null, redacted: false })),
            { type: 'text', text: m.text },
            ...m.toolCalls.map((c): ContentPart => ({ type: 'tool_call', id: c.id, name: c.name, arguments: c.arguments, parsed: c.args })),
          ],
        };
    }
  });
  const usage = estimateUsage(
    { model: null, stream: false, parameters: {}, messages, tools: e.tools, hints: { user: null, sessionId: null, previousResponseId: null, metadata: null } },
    null,
  );
  return usage.inputTokens ?? 0;
}
