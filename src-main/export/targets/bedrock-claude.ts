import { z } from 'zod';
import { userText, type Example } from '../example.js';
import type { DatasetTarget, RenderedLine } from '../target-rules.js';

const LineSchema = z.strictObject({
  system: z.string().optional(),
  messages: z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string() })).min(2),
});

/**
 * Amazon Bedrock Claude fine-tuning (`{"system"?,"messages":[{"role","content":"…"}]}`): text only, first turn user,
 * strictly alternating, ending with the assistant, no other keys. Tool turns cannot be expressed and are dropped.
 */
export const bedrockClaudeTarget: DatasetTarget = {
  id: 'bedrock-claude',
  label: 'Amazon Bedrock Claude fine-tuning (system + messages, text only)',
  rules: {
    system: 'top-level',
    tools: false,
    images: null,
    thinking: { default: 'strip', canKeep: false },
    weights: false,
    firstUser: true,
    alternate: true,
    minMessages: 2,
  },
  render(e: Example): RenderedLine {
    const out: RenderedLine = {};
    const messages: { role: string; content: string }[] = [];
    for (const m of e.messages) {
      if (m.role === 'system') out['system'] = m.text;
      else if (m.role === 'user') messages.push({ role: 'user', content: userText(m.parts) });
      else if (m.role === 'assistant') messages.push({ role: 'assistant', content: m.text });
    }
    out['messages'] = messages;
    return out;
  },
  check(line) {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    const roles = r.data.messages.map((m) => m.role);
    if (roles.some((role, i) => role !== (i % 2 === 0 ? 'user' : 'assistant'))) return 'roles must alternate user/assistant';
    if (roles[roles.length - 1] !== 'assistant') return 'must end with an assistant message';
    return null;
  },
};
