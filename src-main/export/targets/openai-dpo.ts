import { z } from 'zod';
import type { Example } from '../example.js';
import type { RenderedLine, TargetRules } from '../target-rules.js';
import { openAiChatTarget } from './openai-chat.js';
import { openAiMessage, openAiToolFields } from './openai-messages.js';

const Output = z.tuple([z.strictObject({ role: z.literal('assistant'), content: z.string().min(1) })]);
const LineSchema = z.strictObject({
  input: z.strictObject({
    messages: z.array(z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']) })).min(1),
    tools: z.array(z.unknown()).optional(),
    parallel_tool_calls: z.boolean().optional(),
  }),
  preferred_output: Output,
  non_preferred_output: Output,
});

/**
 * OpenAI preference (DPO) pairs, also Together's "Preference" and Fireworks' DPO format:
 * `{"input":{"messages":[…]},"preferred_output":[assistant],"non_preferred_output":[assistant]}`. The input is the
 * prompt both replies answered (it ends with the user or tool turn); each output is one text-only assistant message.
 */
export const openAiDpoTarget = {
  id: 'openai-dpo',
  label: 'OpenAI preference pairs (DPO)',
  /** the prompt follows the chat target's rules, without weights */
  rules: { ...openAiChatTarget.rules, weights: false } satisfies TargetRules,
  render(prompt: Example, preferred: string, rejected: string): RenderedLine {
    return {
      input: { messages: prompt.messages.map((m) => openAiMessage(m, false)), ...openAiToolFields(prompt) },
      preferred_output: [{ role: 'assistant', content: preferred }],
      non_preferred_output: [{ role: 'assistant', content: rejected }],
    };
  },
  check(line: RenderedLine): string | null {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    const last = r.data.input.messages[r.data.input.messages.length - 1]?.role;
    if (last !== 'user' && last !== 'tool') return 'the input must end with the user (or tool) turn';
    return null;
  },
};
