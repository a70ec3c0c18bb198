import { z } from 'zod';
import { userText, type Example, type ExMessage } from '../example.js';
import type { DatasetTarget, RenderedLine } from '../target-rules.js';
import { openAiTools } from './openai-messages.js';

const LineSchema = z.strictObject({
  messages: z.array(z.looseObject({ role: z.enum(['system', 'user', 'assistant', 'tool']) })).min(2),
  tools: z.array(z.unknown()).optional(),
});

function trlMessage(m: ExMessage, keepThinking: boolean): Record<string, unknown> {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.text };
    case 'user':
      return { role: 'user', content: userText(m.parts) };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, name: m.name, content: m.content };
    case 'assistant': {
      const out: Record<string, unknown> = { role: 'assistant', content: m.text };
      // chat templates (Qwen3, DeepSeek-R1, …) read kept reasoning from `reasoning_content`
      if (keepThinking && m.thinking.length > 0) out['reasoning_content'] = m.thinking.join('\n\n');
      // transformers chat templates take the arguments as an object, not a JSON string
      if (m.toolCalls.length > 0) {
        out['tool_calls'] = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args ?? {} } }));
      }
      return out;
    }
  }
}

/**
 * Hugging Face TRL conversational language-modeling format (`{"messages":[…],"tools"?}`) for SFTTrainer: content is a
 * string, tool calls and tool turns as transformers chat templates take them, `tools` as JSON schemas.
 */
export const trlMessagesTarget: DatasetTarget = {
  id: 'trl-messages',
  label: 'Hugging Face TRL messages (+ tools)',
  rules: {
    system: 'inline',
    tools: true,
    images: null,
    thinking: { default: 'strip', canKeep: true },
    weights: false,
    firstUser: false,
    alternate: false,
    minMessages: 2,
  },
  render(e: Example, opts): RenderedLine {
    const out: RenderedLine = { messages: e.messages.map((m) => trlMessage(m, opts.thinking === 'keep')) };
    if (e.tools.length > 0) out['tools'] = openAiTools(e.tools);
    return out;
  },
  check(line) {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    if (r.data.messages[r.data.messages.length - 1]?.role !== 'assistant') return 'must end with an assistant message';
    return null;
  },
};
