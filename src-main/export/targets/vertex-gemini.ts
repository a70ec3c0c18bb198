import { z } from 'zod';
import type { Example, ExMessage, ExUserPart } from '../example.js';
import { VERTEX_IMAGES, type DatasetTarget, type RenderedLine } from '../target-rules.js';

type Part = Record<string, unknown>;
type Content = { role: 'user' | 'model'; parts: Part[] };

const LineSchema = z.strictObject({
  systemInstruction: z.strictObject({ role: z.string().optional(), parts: z.array(z.strictObject({ text: z.string() })) }).optional(),
  contents: z.array(z.strictObject({ role: z.enum(['user', 'model']), parts: z.array(z.record(z.string(), z.unknown())).min(1) })).min(1),
  tools: z.array(z.strictObject({ functionDeclarations: z.array(z.looseObject({ name: z.string() })) })).optional(),
});

const EXT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif', pdf: 'application/pdf' };

function userPart(p: ExUserPart): Part {
  if (p.type === 'text') return { text: p.text };
  const data = /^data:([^;,]*)(?:;base64)?,(.*)$/s.exec(p.url);
  if (data) return { inlineData: { mimeType: data[1] || p.mediaType || 'application/octet-stream', data: data[2] ?? '' } };
  const ext = /\.([a-z0-9]+)$/i.exec(p.url)?.[1]?.toLowerCase() ?? '';
  return { fileData: { mimeType: p.mediaType ?? EXT_TYPES[ext] ?? 'application/octet-stream', fileUri: p.url } };
}

/** Gemini's functionResponse.response must be an object: a JSON object result as is, anything else wrapped. */
function responseObject(content: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(content);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // plain text result
  }
  return { content };
}

/** Vertex's schema is an OpenAPI subset: JSON-schema-only keywords (`$schema`, `additionalProperties`) are rejected. */
function vertexSchema(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(vertexSchema);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !k.startsWith('$') && k !== 'additionalProperties')
      .map(([k, x]) => [k, k === 'properties' && typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x).map(([pk, pv]) => [pk, vertexSchema(pv)])) : vertexSchema(x)]),
  );
}

function modelParts(m: Extract<ExMessage, { role: 'assistant' }>, keepThinking: boolean): Part[] {
  const parts: Part[] = [];
  if (keepThinking) for (const t of m.thinking) parts.push({ text: t, thought: true });
  if (m.text !== '') parts.push({ text: m.text });
  for (const c of m.toolCalls) parts.push({ functionCall: { name: c.name, args: c.args ?? {} } });
  return parts;
}

/**
 * Vertex AI Gemini supervised tuning (`{"systemInstruction"?,"contents":[{"role":"user"|"model","parts":[…]}],"tools"?}`):
 * tool calls are `functionCall` parts (arguments as an object), tool results `functionResponse` parts in the user
 * turn that follows, images `inlineData` (data: URLs) or `fileData` (gs:// URIs).
 */
export const vertexGeminiTarget: DatasetTarget = {
  id: 'vertex-gemini',
  label: 'Vertex AI Gemini tuning (contents + parts, systemInstruction)',
  rules: {
    system: 'top-level',
    tools: true,
    images: VERTEX_IMAGES,
    thinking: { default: 'strip', canKeep: false },
    weights: false,
    firstUser: true,
    alternate: true,
    minMessages: 2,
  },
  render(e: Example, opts): RenderedLine {
    const out: RenderedLine = {};
    const contents: Content[] = [];
    // tool results and the user's next words share one user turn, so user/model keep alternating
    const userSide = (): Content => {
      const last = contents[contents.length - 1];
      if (last?.role === 'user') return last;
      const c: Content = { role: 'user', parts: [] };
      contents.push(c);
      return c;
    };
    for (const m of e.messages) {
      if (m.role === 'system') out['systemInstruction'] = { role: 'system', parts: [{ text: m.text }] };
      else if (m.role === 'user') userSide().parts.push(...m.parts.map(userPart));
      else if (m.role === 'tool') userSide().parts.push({ functionResponse: { name: m.name, response: responseObject(m.content) } });
      else contents.push({ role: 'model', parts: modelParts(m, opts.thinking === 'keep') });
    }
    out['contents'] = contents;
    if (e.tools.length > 0) {
      out['tools'] = [{
        functionDeclarations: e.tools.map((t) => ({
          name: t.name,
          ...(t.description ? { description: t.description } : {}),
          ...(t.parameters !== null && t.parameters !== undefined ? { parameters: vertexSchema(t.parameters) } : {}),
        })),
      }];
    }
    return out;
  },
  check(line) {
    const r = LineSchema.safeParse(line);
    if (!r.success) return r.error.issues[0]?.message ?? 'invalid line';
    const roles = r.data.contents.map((c) => c.role);
    if (roles.some((role, i) => role !== (i % 2 === 0 ? 'user' : 'model'))) return 'contents must alternate user/model, starting with user';
    if (roles[roles.length - 1] !== 'model') return 'must end with a model turn';
    return null;
  },
};
