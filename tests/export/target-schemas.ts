// Independent schemas of each export target, written from shared/notes/fine-tuning-formats.md (the providers'
// fine-tuning docs) and NOT from the exporter's own types: a line the exporter writes must pass these. Each returns
// the list of rule violations of one parsed line (empty = valid).
import { z } from 'zod';

const problems = (r: z.ZodSafeParseResult<unknown>): string[] => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

// ---- §1 OpenAI chat SFT ----
const textPart = z.strictObject({ type: z.literal('text'), text: z.string() });
const imagePart = z.strictObject({ type: z.literal('image_url'), image_url: z.strictObject({ url: z.string().regex(/^(https?:\/\/|data:image\/(jpeg|png|webp);base64,)/), detail: z.enum(['low', 'high', 'auto']).optional() }) });
const toolCall = z.strictObject({
  id: z.string().min(1),
  type: z.literal('function'),
  // "arguments must be a JSON *string*" that encodes the call's argument object
  function: z.strictObject({ name: z.string().min(1), arguments: z.string().refine((s) => { try { const v: unknown = JSON.parse(s); return typeof v === 'object' && v !== null && !Array.isArray(v); } catch { return false; } }, 'arguments is not a JSON object string') }),
});
const openAiTool = z.strictObject({ type: z.literal('function'), function: z.strictObject({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() }) });
const oaMessage = z.discriminatedUnion('role', [
  z.strictObject({ role: z.enum(['system', 'developer']), content: z.union([z.string(), z.array(z.union([textPart, imagePart]))]), name: z.string().optional() }),
  z.strictObject({ role: z.literal('user'), content: z.union([z.string(), z.array(z.union([textPart, imagePart])).min(1)]), name: z.string().optional() }),
  z.strictObject({
    role: z.literal('assistant'), content: z.string().nullable().optional(), tool_calls: z.array(toolCall).min(1).optional(),
    weight: z.union([z.literal(0), z.literal(1)]).optional(), refusal: z.string().nullable().optional(), name: z.string().optional(),
  }).refine((m) => m.content !== undefined || m.tool_calls !== undefined, 'assistant needs content or tool_calls'),
  z.strictObject({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: z.string() }),
]);
type OaMessage = z.infer<typeof oaMessage>;

/** Tool turns answer an id a preceding assistant turn issued; images only in user/system turns, ≤ 10 per example. */
function openAiMessageRules(messages: OaMessage[]): string[] {
  const out: string[] = [];
  const issued = new Set<string>();
  let images = 0;
  for (const m of messages) {
    if (m.role === 'assistant') for (const c of m.tool_calls ?? []) issued.add(c.id);
    if (m.role === 'tool' && !issued.has(m.tool_call_id)) out.push(`tool message answers unknown id ${m.tool_call_id}`);
    if ((m.role === 'user' || m.role === 'system') && Array.isArray(m.content)) images += m.content.filter((p) => p.type === 'image_url').length;
  }
  if (images > 10) out.push(`${images} images (max 10)`);
  return out;
}

export function openAiChatProblems(line: unknown): string[] {
  const r = z.strictObject({ messages: z.array(oaMessage).min(1), tools: z.array(openAiTool).optional(), parallel_tool_calls: z.boolean().optional(), functions: z.array(z.unknown()).optional() }).safeParse(line);
  if (!r.success) return problems(r);
  const msgs = r.data.messages;
  const out = openAiMessageRules(msgs);
  const assistants = msgs.filter((m) => m.role === 'assistant');
  if (assistants.length === 0) out.push('no assistant message');
  if (assistants.length > 0 && assistants.every((m) => m.weight === 0)) out.push('every assistant message has weight 0');
  if (msgs[msgs.length - 1]?.role !== 'assistant') out.push('does not end with an assistant turn');
  return out;
}

// ---- §2 OpenAI DPO ----
const dpoOutput = z.tuple([z.strictObject({ role: z.literal('assistant'), content: z.string().min(1) })]);
export function openAiDpoProblems(line: unknown): string[] {
  const r = z.strictObject({
    input: z.strictObject({ messages: z.array(oaMessage).min(1), tools: z.array(openAiTool).optional(), parallel_tool_calls: z.boolean().optional() }),
    preferred_output: dpoOutput,
    non_preferred_output: dpoOutput,
  }).safeParse(line);
  if (!r.success) return problems(r);
  const out = openAiMessageRules(r.data.input.messages);
  const last = r.data.input.messages[r.data.input.messages.length - 1]?.role;
  if (last !== 'user' && last !== 'tool') out.push('input does not end with the user turn');
  return out;
}

// ---- §4 Bedrock Claude ----
export function bedrockClaudeProblems(line: unknown): string[] {
  const r = z.strictObject({ system: z.string().optional(), messages: z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string() })).min(2) }).safeParse(line);
  if (!r.success) return problems(r);
  const roles = r.data.messages.map((m) => m.role);
  const out: string[] = [];
  if (roles[0] !== 'user') out.push('first message is not user');
  if (roles[roles.length - 1] !== 'assistant') out.push('last message is not assistant');
  if (roles.some((x, i) => i > 0 && x === roles[i - 1])) out.push('roles do not alternate');
  return out;
}

// ---- §3 Vertex Gemini ----
const gPart = z.union([
  z.strictObject({ text: z.string() }),
  z.strictObject({ fileData: z.strictObject({ mimeType: z.string(), fileUri: z.string().startsWith('gs://') }) }),
  z.strictObject({ inlineData: z.strictObject({ mimeType: z.string(), data: z.string() }) }),
  z.strictObject({ functionCall: z.strictObject({ name: z.string(), args: z.record(z.string(), z.unknown()) }) }),
  z.strictObject({ functionResponse: z.strictObject({ name: z.string(), response: z.record(z.string(), z.unknown()) }) }),
]);
export function vertexGeminiProblems(line: unknown): string[] {
  const r = z.strictObject({
    systemInstruction: z.strictObject({ role: z.string().optional(), parts: z.array(z.strictObject({ text: z.string() })).min(1) }).optional(),
    contents: z.array(z.strictObject({ role: z.enum(['user', 'model']), parts: z.array(gPart).min(1) })).min(1),
    tools: z.array(z.strictObject({ functionDeclarations: z.array(z.strictObject({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() })) })).optional(),
  }).safeParse(line);
  if (!r.success) return problems(r);
  const out: string[] = [];
  const roles = r.data.contents.map((c) => c.role);
  if (roles[0] !== 'user') out.push('first content is not user');
  if (roles[roles.length - 1] !== 'model') out.push('does not end with a model turn');
  if (roles.some((x, i) => i > 0 && x === roles[i - 1])) out.push('user/model do not alternate');
  for (const c of r.data.contents) {
    for (const p of c.parts) {
      if ('functionCall' in p && c.role !== 'model') out.push('functionCall outside a model turn');
      if ('functionResponse' in p && c.role !== 'user') out.push('functionResponse outside a user turn');
    }
  }
  return out;
}

// ---- §7 ShareGPT ----
export function shareGptProblems(line: unknown): string[] {
  const r = z.strictObject({
    conversations: z.array(z.strictObject({ from: z.enum(['system', 'human', 'gpt', 'function_call', 'observation', 'tool']), value: z.string() })).min(2),
    tools: z.string().optional(),
    system: z.string().optional(),
  }).safeParse(line);
  if (!r.success) return problems(r);
  const from = r.data.conversations.map((c) => c.from);
  const out: string[] = [];
  if (from.lastIndexOf('system') > 0) out.push('system turn not first');
  if (from.find((f) => f !== 'system') !== 'human') out.push('first turn after system is not human');
  const last = from[from.length - 1];
  if (last !== 'gpt' && last !== 'function_call') out.push('does not end with a gpt turn');
  if (r.data.tools !== undefined) {
    try {
      if (!Array.isArray(JSON.parse(r.data.tools))) out.push('tools is not a JSON list');
    } catch {
      out.push('tools is not JSON');
    }
  }
  return out;
}

// ---- §6 TRL conversational ----
export function trlMessagesProblems(line: unknown): string[] {
  const msg = z.discriminatedUnion('role', [
    z.strictObject({ role: z.enum(['system', 'user']), content: z.string() }),
    z.strictObject({
      role: z.literal('assistant'), content: z.string(), reasoning_content: z.string().optional(),
      // chat templates take the arguments as a dict
      tool_calls: z.array(z.strictObject({ id: z.string().optional(), type: z.literal('function'), function: z.strictObject({ name: z.string(), arguments: z.record(z.string(), z.unknown()) }) })).optional(),
    }),
    z.strictObject({ role: z.literal('tool'), content: z.string(), name: z.string().optional(), tool_call_id: z.string().optional() }),
  ]);
  const r = z.strictObject({ messages: z.array(msg).min(2), tools: z.array(openAiTool).optional() }).safeParse(line);
  if (!r.success) return problems(r);
  return r.data.messages[r.data.messages.length - 1]?.role === 'assistant' ? [] : ['does not end with an assistant message'];
}

export const TARGET_PROBLEMS: Record<string, (line: unknown) => string[]> = {
  'openai-chat': openAiChatProblems,
  'openai-dpo': openAiDpoProblems,
  'bedrock-claude': bedrockClaudeProblems,
  'vertex-gemini': vertexGeminiProblems,
  sharegpt: shareGptProblems,
  'trl-messages': trlMessagesProblems,
};
