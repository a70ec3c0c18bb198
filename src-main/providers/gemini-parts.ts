import type { ContentPart, LlmError, LlmMessage, LlmRole, ToolDef, Usage } from '../contract/index.js';
import { arr, isObj, num, str } from './stream-framing.js';
import { countOnlyUsage, parseArgs } from './openai-usage.js';

/**
 * Gemini / Vertex `Content` parts → normalised parts, shared by requests (the resent `contents` history), whole
 * responses and the stream accumulator. provider-formats §5.
 *
 * A `thoughtSignature` on a non-thought part (Gemini 2.5/3 put it on text or functionCall parts) becomes a thinking part
 * with empty text and `redacted: true` just before that part, so the opaque value the client must echo back is kept,
 * and a request's model turn and the response it repeats normalise alike.
 */

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** `usageMetadata` → normalised usage (§0): input = prompt + toolUsePrompt, output = candidates + thoughts. */
export function geminiUsage(raw: unknown): Usage | null {
  if (!isObj(raw)) return null;
  const prompt = num(raw['promptTokenCount']);
  const candidates = num(raw['candidatesTokenCount']);
  const thoughts = num(raw['thoughtsTokenCount']);
  const toolUse = num(raw['toolUsePromptTokenCount']);
  const total = num(raw['totalTokenCount']);
  // Vertex stream chunks carry a usageMetadata with only trafficType: no numbers, no usage
  if (prompt === null && candidates === null && thoughts === null && toolUse === null && total === null) return null;
  const input = prompt === null && toolUse === null ? null : (prompt ?? 0) + (toolUse ?? 0);
  // zero-valued fields are omitted on the wire, so a missing count beside the others is 0
  const output = (candidates ?? 0) + (thoughts ?? 0);
  return {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: num(raw['cachedContentTokenCount']) ?? 0,
    cacheWriteTokens: null,
    reasoningTokens: thoughts ?? 0,
    totalTokens: total ?? (input !== null ? input + output : null),
    source: 'provider',
  };
}

/** `:countTokens` answers `{totalTokens}`: a count of the prompt, nothing generated. */
export function countTokensUsage(raw: unknown): Usage | null {
  const total = isObj(raw) ? num(raw['totalTokens']) : null;
  if (total === null) return null;
  return countOnlyUsage(total);
}

/** Google's error envelope `{"error":{code,message,status}}` (also inside a stream chunk or a one-element array). */
export function geminiError(body: unknown): LlmError | null {
  if (Array.isArray(body)) {
    for (const el of body) {
      const e = geminiError(el);
      if (e) return e;
    }
    return null;
  }
  if (!isObj(body)) return null;
  const e = body['error'];
  if (typeof e === 'string') return { type: 'error', message: e };
  if (!isObj(e)) return null;
  const code = num(e['code']);
  return { type: str(e['status']) ?? (code !== null ? String(code) : 'error'), message: str(e['message']) ?? '' };
}

function mediaPart(mimeType: string | null, url: string | null): ContentPart {
  return { type: 'image', mediaType: mimeType, url };
}

function functionCallPart(fc: Record<string, unknown>): ContentPart {
  const args = fc['args'];
  const text = args === undefined || args === null ? '{}' : safeStringify(args);
  return { type: 'tool_call', id: str(fc['id']), name: str(fc['name']) ?? '', arguments: text, parsed: args ?? {} };
}

function functionResponseText(fr: Record<string, unknown>): string {
  const r = fr['response'];
  if (typeof r === 'string') return r;
  if (r === undefined || r === null) return '';
  return safeStringify(r);
}

/** One part of a `Content` → normalised parts (a signature part first when the part carries a thoughtSignature). */
export function geminiPartToParts(p: unknown): ContentPart[] {
  if (typeof p === 'string') return [{ type: 'text', text: p }];
  if (!isObj(p)) return [];
  const out: ContentPart[] = [];
  const sig = str(p['thoughtSignature']) || null;
  const text = str(p['text']);
  if (p['thought'] === true) {
    return [{ type: 'thinking', text: text ?? '', signature: sig, redacted: false }];
  }
  if (sig !== null) out.push({ type: 'thinking', text: '', signature: sig, redacted: true });
  if (text !== null) out.push({ type: 'text', text });
  const inline = p['inlineData'];
  if (isObj(inline)) {
    const mime = str(inline['mimeType']);
    const data = str(inline['data']);
    out.push(mediaPart(mime, data === null ? null : `data:${mime ?? 'application/octet-stream'};base64,${data}`));
  }
  const file = p['fileData'];
  if (isObj(file)) out.push(mediaPart(str(file['mimeType']), str(file['fileUri'])));
  const fc = p['functionCall'];
  if (isObj(fc)) out.push(functionCallPart(fc));
  const fr = p['functionResponse'];
  if (isObj(fr)) {
    out.push({ type: 'tool_result', toolCallId: str(fr['id']), name: str(fr['name']), content: functionResponseText(fr), isError: false });
  }
  const code = p['executableCode'];
  if (isObj(code)) {
    const args = { language: str(code['language']), code: str(code['code']) ?? '' };
    out.push({ type: 'tool_call', id: null, name: 'code_execution', arguments: safeStringify(args), parsed: args });
  }
  const result = p['codeExecutionResult'];
  if (isObj(result)) {
    const outcome = str(result['outcome']);
    out.push({
      type: 'tool_result',
      toolCallId: null,
      name: 'code_execution',
      content: str(result['output']) ?? '',
      isError: outcome !== null && outcome !== 'OUTCOME_OK',
    });
  }
  return out;
}

/** Appends parts, merging a text after a text and a thinking after a thinking (stream deltas become one part). */
export function appendMerged(into: ContentPart[], parts: ContentPart[]): void {
  for (const part of parts) {
    const last = into[into.length - 1];
    if (part.type === 'text' && part.text === '') continue;
    if (part.type === 'text' && last?.type === 'text') {
      into[into.length - 1] = { type: 'text', text: last.text + part.text };
    } else if (part.type === 'thinking' && last?.type === 'thinking' && !part.redacted && !last.redacted) {
      into[into.length - 1] = { ...last, text: last.text + part.text, signature: part.signature ?? last.signature };
    } else if (part.type === 'thinking' && part.redacted && last?.type === 'thinking' && last.signature === null) {
      // a signature on the first answer part closes the thought summary before it
      into[into.length - 1] = { ...last, signature: part.signature };
    } else {
      into.push(part);
    }
  }
}

const ROLES: Record<string, LlmRole> = { user: 'user', model: 'assistant', function: 'tool', tool: 'tool', system: 'system' };

/** A request `Content` → message; a user turn made only of functionResponse parts is a tool message. */
export function geminiContentToMessage(c: unknown, defaultRole: LlmRole = 'user'): LlmMessage | null {
  if (typeof c === 'string') return { role: defaultRole, parts: [{ type: 'text', text: c }] };
  if (!isObj(c)) return null;
  let role = ROLES[str(c['role']) ?? ''] ?? defaultRole;
  const parts: ContentPart[] = [];
  for (const p of arr(c['parts'])) appendMerged(parts, geminiPartToParts(p));
  if (role === 'user' && parts.length > 0 && parts.every((p) => p.type === 'tool_result')) role = 'tool';
  return { role, parts };
}

/** `tools[].functionDeclarations` (and built-in tools by their key: googleSearch, codeExecution, …). */
export function geminiToolDefs(tools: unknown): ToolDef[] {
  const defs: ToolDef[] = [];
  for (const t of arr(tools)) {
    if (!isObj(t)) continue;
    const decls = t['functionDeclarations'] ?? t['function_declarations'];
    if (Array.isArray(decls)) {
      for (const d of decls) {
        if (!isObj(d)) continue;
        const name = str(d['name']);
        if (name === null) continue;
        defs.push({
          name,
          description: str(d['description']),
          parameters: d['parameters'] ?? d['parametersJsonSchema'] ?? null,
        });
      }
      continue;
    }
    for (const [key, value] of Object.entries(t)) defs.push({ name: key, description: null, parameters: value ?? null });
  }
  return defs;
}

// ---- Vertex streamFunctionCallArguments: rebuilding args from jsonPath pieces ----

type PathKey = string | number;

/** `$.a.b[0]['c d']` → ['a','b',0,'c d']; null when the path is not understood. */
export function parseJsonPath(path: string): PathKey[] | null {
  if (!path.startsWith('$')) return null;
  const keys: PathKey[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!m) return null;
      keys.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const rest = path.slice(i);
      const idx = /^\[(\d+)\]/.exec(rest);
      const quoted = /^\[(['"])((?:\\.|(?!\1).)*)\1\]/.exec(rest);
      if (idx?.[1] !== undefined) {
        keys.push(Number(idx[1]));
        i += idx[0].length;
      } else if (quoted?.[2] !== undefined) {
        keys.push(quoted[2].replace(/\\(.)/g, '$1'));
        i += quoted[0].length;
      } else return null;
    } else return null;
  }
  return keys;
}

/** Accumulates `partialArgs` pieces into an args object. String values keep growing while `willContinue`. */
export class PartialArgs {
  value: Record<string, unknown> = {};
  private continuing = new Set<string>();

  apply(piece: unknown): void {
    if (!isObj(piece)) return;
    const path = str(piece['jsonPath']);
    const keys = path === null ? null : parseJsonPath(path);
    if (keys === null || keys.length === 0 || path === null) return;
    let v: unknown;
    let isString = false;
    if (typeof piece['stringValue'] === 'string') {
      v = piece['stringValue'];
      isString = true;
    } else if (piece['numberValue'] !== undefined) v = piece['numberValue'];
    else if (piece['boolValue'] !== undefined) v = piece['boolValue'];
    else if ('nullValue' in piece) v = null;
    else return;
    let node: unknown = this.value;
    for (let k = 0; k < keys.length - 1; k++) {
      const key = keys[k]!;
      const nextIsIndex = typeof keys[k + 1] === 'number';
      const container = node as Record<string | number, unknown>;
      if (!isObj(container[key]) && !Array.isArray(container[key])) container[key] = nextIsIndex ? [] : {};
      node = container[key];
    }
    const container = node as Record<string | number, unknown>;
    const last = keys[keys.length - 1]!;
    if (isString && this.continuing.has(path) && typeof container[last] === 'string') {
      container[last] = (container[last] as string) + (v as string);
    } else {
      container[last] = v;
    }
    if (isString && piece['willContinue'] === true) this.continuing.add(path);
    else this.continuing.delete(path);
  }
}

/** A tool call part from rebuilt partial args. */
export function partialCallPart(id: string | null, name: string, args: Record<string, unknown>): ContentPart {
  const text = safeStringify(args);
  return { type: 'tool_call', id, name, arguments: text, parsed: parseArgs(text) };
}
