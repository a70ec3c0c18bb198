import { z } from 'zod';
import type { Example } from '../example.js';
import { OPENAI_IMAGES, type DatasetTarget, type RenderedLine } from '../target-rules.js';
import { openAiMessage, openAiToolFields } from './openai-messages.js';

/** Own output check: the OpenAI file validator's rules that a renderer could break. */
const LineSchema = z.strictObject({
  messages: z.array(z.looseObject({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']) })).min(1),
  tools: z.array(z.unknown()).optional(),
  parallel_tool_calls: z.boolean().optional(),
});

/**
 * OpenAI chat SFT (`{"messages":[…],"tools"?,"parallel_tool_calls"?}`): the default target, also what Azure OpenAI,
 * Together and Fireworks take. Thinking has no place in it and is always stripped.
 */
export const openAiChatTarget: DatasetTarget = {
  id: 'openai-chat',
  label: 'OpenAI chat fine-tuning (messages, tools, weight)',
  rules: {
    system: 'inline',
    tools: true,
    images: OPENAI_IMAGES,
    thinking: { default: 'strip', canKeep: false },
    weights: true,
    firstUser: false,
    alternate: false,
    minMessages: 1,
  },
  render(e: Example): RenderedLine {
    return { messages: e.messages.map((m) => openAiMessage(m, true)), ...openAiToolFields(e) };
  },
  check(line) {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    const roles = r.data.messages.map((m) => m.role);
    if (!roles.includes('assistant')) return 'no assistant message';
    return null;
  },
};
