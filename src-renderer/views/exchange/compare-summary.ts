import type { ExchangeDetail, LlmMessage, LlmRequest, ToolDef } from '../../../src-main/contract/index.js';

/** What changed between two calls, read from the older to the newer one. */
export interface CompareSummary {
  older: ExchangeDetail;
  newer: ExchangeDetail;
  model: { from: string | null; to: string | null } | null;
  responseModel: { from: string | null; to: string | null } | null;
  messages: {
    from: number;
    to: number;
    /** messages (system aside) both requests start with */
    common: number;
    added: LlmMessage[];
    removed: LlmMessage[];
    systemChanged: boolean;
    /** the newer request carries the older call's reply as its first added message: a plain next turn */
    carriesReply: boolean;
  } | null;
  parameters: Array<{ key: string; from: unknown; to: unknown }>;
  tools: { added: string[]; removed: string[]; changed: string[] };
  tokens: { input: number | null; output: number | null; total: number | null };
  costUsd: number | null;
  durationMs: number | null;
  ttftMs: number | null;
  status: { from: number | null; to: number | null } | null;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const isSystem = (m: LlmMessage) => m.role === 'system' || m.role === 'developer';

function diffMessages(a: LlmRequest, b: LlmRequest, olderReply: LlmMessage | null): NonNullable<CompareSummary['messages']> {
  const ca = a.messages.filter((m) => !isSystem(m));
  const cb = b.messages.filter((m) => !isSystem(m));
  let common = 0;
  while (common < ca.length && common < cb.length && same(ca[common], cb[common])) common++;
  const added = cb.slice(common);
  const first = added[0];
  // the reply comes back with the same parts; ids and text must match, thinking may have been dropped by the client
  const strip = (m: LlmMessage) => m.parts.filter((p) => p.type !== 'thinking');
  const carriesReply = common === ca.length && first !== undefined && olderReply !== null && first.role === 'assistant' && same(strip(first), strip(olderReply));
  return {
    from: a.messages.length,
    to: b.messages.length,
    common,
    added,
    removed: ca.slice(common),
    systemChanged: !same(a.messages.filter(isSystem), b.messages.filter(isSystem)),
    carriesReply,
  };
}

function diffParameters(a: Record<string, unknown>, b: Record<string, unknown>, streamA: boolean, streamB: boolean): CompareSummary['parameters'] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const out = keys.filter((k) => !same(a[k], b[k])).map((key) => ({ key, from: a[key], to: b[key] }));
  if (streamA !== streamB) out.push({ key: 'stream', from: streamA, to: streamB });
  return out;
}

function diffTools(a: ToolDef[], b: ToolDef[]): CompareSummary['tools'] {
  const byName = (list: ToolDef[]) => new Map(list.map((t) => [t.name, t]));
  const ma = byName(a);
  const mb = byName(b);
  return {
    added: [...mb.keys()].filter((n) => !ma.has(n)),
    removed: [...ma.keys()].filter((n) => !mb.has(n)),
    changed: [...mb.keys()].filter((n) => ma.has(n) && !same(ma.get(n), mb.get(n))),
  };
}

function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  return typeof a === 'number' && typeof b === 'number' ? b - a : null;
}

/** Orders the pair by start time, so the summary reads as "what the later call did differently". */
export function compareExchanges(x: ExchangeDetail, y: ExchangeDetail): CompareSummary {
  const [older, newer] = x.startedAt < y.startedAt || (x.startedAt === y.startedAt && x.id < y.id) ? [x, y] : [y, x];
  const ra = older.llm?.request ?? null;
  const rb = newer.llm?.request ?? null;
  const ua = older.usage;
  const ub = newer.usage;
  return {
    older,
    newer,
    model: older.model !== newer.model ? { from: older.model, to: newer.model } : null,
    responseModel: older.responseModel !== newer.responseModel ? { from: older.responseModel, to: newer.responseModel } : null,
    messages: ra && rb ? diffMessages(ra, rb, older.llm?.response?.message ?? null) : null,
    parameters: ra && rb ? diffParameters(ra.parameters, rb.parameters, ra.stream, rb.stream) : [],
    tools: ra && rb ? diffTools(ra.tools, rb.tools) : { added: [], removed: [], changed: [] },
    tokens: {
      input: delta(ua?.inputTokens, ub?.inputTokens),
      output: delta(ua?.outputTokens, ub?.outputTokens),
      total: delta(ua?.totalTokens, ub?.totalTokens),
    },
    costUsd: delta(older.costUsd, newer.costUsd),
    durationMs: delta(older.timings.totalMs, newer.timings.totalMs),
    ttftMs: delta(older.timings.ttftMs, newer.timings.ttftMs),
    status: older.status !== newer.status ? { from: older.status, to: newer.status } : null,
  };
}

/** A request body as the diff shows it: pretty JSON so a changed parameter is one changed line. */
export function diffableBody(body: string | null, encoding: 'utf8' | 'base64'): string {
  if (body === null) return '';
  if (encoding === 'base64') return `(binary body, ${body.length} base64 characters)`;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
