import { z } from 'zod';
import { userText, type Example } from '../example.js';
import type { DatasetTarget, RenderedLine } from '../target-rules.js';

const LineSchema = z.strictObject({
  conversations: z.array(z.strictObject({ from: z.enum(['system', 'human', 'gpt', 'function_call', 'observation']), value: z.string() })).min(2),
  tools: z.string().optional(),
});

/**
 * ShareGPT / Axolotl (`{"conversations":[{"from":"system"|"human"|"gpt","value"}]}`). Tool calls use the common
 * extension (LLaMA-Factory): a `function_call` turn whose value is the call as JSON (`{"name","arguments"}`, a list when
 * the turn made several), an `observation` turn per tool result, and `tools` as a JSON string. Kept thinking goes in
 * front of the reply inside `<think>…</think>`, the convention of open reasoning models.
 */
export const shareGptTarget: DatasetTarget = {
  id: 'sharegpt',
  label: 'ShareGPT / Axolotl conversations (from/value)',
  rules: {
    system: 'first',
    tools: true,
    images: null,
    thinking: { default: 'strip', canKeep: true },
    weights: false,
    firstUser: true,
    alternate: false,
    minMessages: 2,
  },
  render(e: Example, opts): RenderedLine {
    const conversations: { from: string; value: string }[] = [];
    for (const m of e.messages) {
      if (m.role === 'system') conversations.push({ from: 'system', value: m.text });
      else if (m.role === 'user') conversations.push({ from: 'human', value: userText(m.parts) });
      else if (m.role === 'tool') conversations.push({ from: 'observation', value: m.content });
      else {
        const think = opts.thinking === 'keep' && m.thinking.length > 0 ? `<think>\n${m.thinking.join('\n\n')}\n</think>\n\n` : '';
        if (m.text !== '' || think !== '' || m.toolCalls.length === 0) conversations.push({ from: 'gpt', value: `${think}${m.text}` });
        if (m.toolCalls.length > 0) {
          const calls = m.toolCalls.map((c) => ({ name: c.name, arguments: c.args ?? {} }));
          conversations.push({ from: 'function_call', value: JSON.stringify(calls.length === 1 ? calls[0] : calls) });
        }
      }
    }
    const out: RenderedLine = { conversations };
    if (e.tools.length > 0) {
      out['tools'] = JSON.stringify(e.tools.map((t) => ({ name: t.name, description: t.description ?? '', parameters: t.parameters ?? {} })));
    }
    return out;
  },
  check(line) {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    const from = r.data.conversations.map((c) => c.from);
    if (from.indexOf('system') > 0) return 'a system turn may only come first';
    const last = from[from.length - 1];
    if (last !== 'gpt' && last !== 'function_call') return 'must end with a gpt turn';
    return null;
  },
};
