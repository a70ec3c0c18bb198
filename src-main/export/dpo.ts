import { createHash } from 'node:crypto';
import type { ExportOptions, ExportReport, LlmMessage, LlmRequest } from '../contract/index.js';
import { parseExchange } from '../providers/index.js';
import { chatCall, ExampleWriter, type ExportSink } from './dataset-export.js';
import { thinkingMode } from './export-options.js';
import { exampleFromMessages } from './example.js';
import { addPii, emptyPiiCounts, scrubText } from './pii.js';
import { applyRules } from './rules.js';
import type { ExportSource } from './source.js';
import { openAiDpoTarget } from './targets/index.js';

interface Call {
  request: LlmRequest;
  reply: LlmMessage;
}

/** The reply as DPO can take it: text only (a reply that calls tools or says nothing cannot be a preference output). */
function replyText(reply: LlmMessage): string | null {
  if (reply.parts.some((p) => p.type === 'tool_call')) return null;
  const text = reply.parts
    .filter((p): p is Extract<LlmMessage['parts'][number], { type: 'text' | 'refusal' }> => p.type === 'text' || p.type === 'refusal')
    .map((p) => p.text)
    .join('\n\n');
  return text.trim() === '' ? null : text;
}

/** Same prompt = same messages and tools, whatever the sampling parameters or model were. */
function promptKey(request: LlmRequest): string {
  const e = exampleFromMessages(request.messages, request.tools, null);
  return createHash('sha256').update(JSON.stringify([e.messages, e.tools])).digest('base64').slice(0, 22);
}

function load(source: ExportSource, id: number): Call | { skip: string } {
  const input = source.input(id);
  const c = chatCall(input === null ? null : parseExchange(input));
  if ('skip' in c) return c;
  return { request: c.call.request!, reply: c.call.response!.message! };
}

/**
 * OpenAI preference pairs from two replies to the same prompt (a resend, a retry, the same question asked twice).
 * Explicit `pairs` say which is preferred; otherwise every prompt a model answered more than once pairs its preferred
 * reply (`dpoPrefer`: the latest, or the earliest) with each different other reply. Two passes over the selection: the first
 * keeps only a hash of each prompt and reply, so memory stays bounded by the number of calls, not their size.
 */
export async function exportDpo(source: ExportSource, opts: ExportOptions, sink: ExportSink): Promise<ExportReport> {
  const target = openAiDpoTarget;
  const thinking = thinkingMode(target, opts.thinking);
  const writer = new ExampleWriter(opts, sink);
  const { ids, erroredExcluded } = source.select({ ...opts, per: 'call' }, { dataset: true });
  writer.report.report.erroredExcluded = erroredExcluded;

  let pairs: { preferred: number; rejected: number }[];
  if (opts.pairs !== undefined && opts.pairs.length > 0) {
    const selected = new Set(ids);
    pairs = opts.pairs.filter((p) => selected.has(p.preferred) && selected.has(p.rejected));
    writer.report.report.scanned = new Set(pairs.flatMap((p) => [p.preferred, p.rejected])).size;
    for (const p of opts.pairs) if (!pairs.includes(p)) writer.report.skip('pair_not_selected');
  } else {
    const groups = new Map<string, { id: number; reply: string }[]>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      writer.report.report.scanned++;
      sink.progress?.(i + 1, ids.length * 2, 0);
      const c = load(source, id);
      if ('skip' in c) {
        writer.report.skip(c.skip);
        continue;
      }
      const text = replyText(c.reply);
      if (text === null) {
        writer.report.skip('reply_not_text');
        continue;
      }
      // a resend or retry asks the same model again: replies of different models are only paired when asked to
      const key = `${c.request.model ?? ''}\n${promptKey(c.request)}`;
      const replyKey = createHash('sha256').update(text).digest('base64').slice(0, 22);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [{ id, reply: replyKey }]);
      else if (!g.some((x) => x.reply === replyKey)) g.push({ id, reply: replyKey });
    }
    pairs = [];
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const preferred = opts.dpoPrefer === 'latest' ? g[g.length - 1]! : g[0]!;
      for (const other of g) if (other !== preferred) pairs.push({ preferred: preferred.id, rejected: other.id });
    }
    pairs.sort((a, b) => a.preferred - b.preferred || a.rejected - b.rejected);
  }

  for (let i = 0; i < pairs.length && !writer.full; i++) {
    const pair = pairs[i]!;
    sink.progress?.(ids.length + Math.round(((i + 1) / pairs.length) * ids.length), ids.length * 2, writer.written);
    const a = load(source, pair.preferred);
    const b = load(source, pair.rejected);
    if ('skip' in a || 'skip' in b) {
      if (!(await writer.fixes(pair.preferred, [{ action: 'dropped', code: 'pair_not_chat', message: `exchange ${'skip' in a ? pair.preferred : pair.rejected} is not a chat call with a reply` }]))) break;
      continue;
    }
    let preferred = replyText(a.reply);
    let rejected = replyText(b.reply);
    if (promptKey(a.request) !== promptKey(b.request)) {
      if (!(await writer.fixes(pair.preferred, [{ action: 'dropped', code: 'pair_prompts_differ', message: `exchanges ${pair.preferred} and ${pair.rejected} answer different prompts` }]))) break;
      continue;
    }
    if (preferred === null || rejected === null) {
      if (!(await writer.fixes(pair.preferred, [{ action: 'dropped', code: 'reply_not_text', message: 'DPO outputs must be text-only assistant replies' }]))) break;
      continue;
    }
    if (opts.scrubPii) {
      // the prompt is scrubbed by the writer; the two replies are plain strings here
      const pii = emptyPiiCounts();
      preferred = scrubText(preferred, pii);
      rejected = scrubText(rejected, pii);
      addPii(writer.report.report.pii, pii);
    }
    const [p, r] = [preferred, rejected];
    const prompt = exampleFromMessages(a.request.messages, a.request.tools, a.request.parameters['parallel_tool_calls']);
    const { example, fixes } = applyRules(prompt, target.rules, { thinking, trainOn: 'all', mode: 'prompt' });
    const go = example === null
      ? await writer.fixes(pair.preferred, fixes)
      : await writer.write(pair.preferred, example, fixes, (e) => target.render(e, p, r), (l) => target.check(l));
    if (!go) break;
  }
  return writer.finish();
}
