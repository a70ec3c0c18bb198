import type { Example, ExMessage, ExUserPart } from './example.js';
import type { ImageRules, TargetRules } from './target-rules.js';

/**
 * The fix-and-validate pass every dataset example goes through before it is rendered: it makes the example meet its
 * target's rules (roles, alternation, final assistant turn, answered tool calls, weights, image limits) and says what
 * it changed. Under `--strict` the caller turns any fix into a failure instead.
 */

export interface Fix {
  action: 'fixed' | 'dropped';
  code: string;
  message: string;
}

export interface RuleOptions {
  thinking: 'strip' | 'keep';
  trainOn: 'all' | 'last';
  /** `sft`: ends with the assistant turn being trained; `prompt`: a DPO input, ends with the user (or tool) turn */
  mode: 'sft' | 'prompt';
}

export interface RuleResult {
  example: Example | null;
  fixes: Fix[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Decoded size of a data: URL's payload, and its media type. */
function dataUrlInfo(url: string): { mediaType: string; bytes: number } | null {
  const m = /^data:([^;,]*)(;base64)?,/.exec(url);
  if (!m) return null;
  const payload = url.length - m[0].length;
  return { mediaType: (m[1] ?? '').toLowerCase(), bytes: m[2] ? Math.floor((payload * 3) / 4) : payload };
}

function imageProblem(p: Extract<ExUserPart, { type: 'image' }>, rules: ImageRules): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(p.url)?.[1]?.toLowerCase() ?? '';
  if (!(rules.schemes as readonly string[]).includes(scheme)) return `${scheme || 'relative'} URLs are not accepted (${rules.schemes.join(', ')} only)`;
  if (scheme !== 'data') return null;
  const info = dataUrlInfo(p.url);
  if (info === null) return 'malformed data: URL';
  if (rules.mediaTypes !== null && !rules.mediaTypes.includes(info.mediaType)) return `${info.mediaType || 'untyped'} images are not accepted (${rules.mediaTypes.join(', ')})`;
  if (info.bytes > rules.maxBytes) return `image of ${info.bytes} bytes is over the ${rules.maxBytes}-byte limit`;
  return null;
}

function fixImages(msgs: ExMessage[], rules: TargetRules, fixes: Fix[]): void {
  let textOnly = 0;
  let kept = 0;
  const reasons: string[] = [];
  for (const m of msgs) {
    if (m.role !== 'user') continue;
    m.parts = m.parts.filter((p) => {
      if (p.type !== 'image') return true;
      if (rules.images === null || !rules.images.roles.includes('user')) return (textOnly++, false);
      const why = imageProblem(p, rules.images);
      if (why === null && kept >= rules.images.maxPerExample) reasons.push(`more than ${rules.images.maxPerExample} images`);
      else if (why !== null) reasons.push(why);
      else return (kept++, true);
      return false;
    });
  }
  if (textOnly > 0) fixes.push({ action: 'fixed', code: 'image_dropped', message: `dropped ${plural(textOnly, 'image')}: the target takes text only` });
  if (reasons.length > 0) fixes.push({ action: 'fixed', code: 'image_dropped', message: `dropped ${plural(reasons.length, 'image')}: ${[...new Set(reasons)].join('; ')}` });
}

/** Tool calls with broken arguments, calls nobody answered (except in the final reply) and answers to no call. */
function fixTools(msgs: ExMessage[], rules: TargetRules, fixes: Fix[]): ExMessage[] {
  if (!rules.tools) {
    let calls = 0;
    let results = 0;
    const out = msgs.filter((m) => (m.role === 'tool' ? (results++, false) : true));
    for (const m of out) if (m.role === 'assistant') (calls += m.toolCalls.length), (m.toolCalls = []);
    if (calls + results > 0) {
      fixes.push({ action: 'fixed', code: 'tools_dropped', message: `dropped ${plural(calls, 'tool call')} and ${plural(results, 'tool result')}: the target has no tool format` });
    }
    return out;
  }
  let invalid = 0;
  for (const m of msgs) {
    if (m.role !== 'assistant') continue;
    const before = m.toolCalls.length;
    m.toolCalls = m.toolCalls.filter((c) => c.args !== null);
    invalid += before - m.toolCalls.length;
  }
  if (invalid > 0) fixes.push({ action: 'fixed', code: 'invalid_tool_arguments', message: `dropped ${plural(invalid, 'tool call')} whose arguments are not a JSON object (cut short?)` });
  // answers: the tool turns right after an assistant turn answer its calls
  const out: ExMessage[] = [];
  let open = new Set<string>();
  let orphans = 0;
  let unanswered = 0;
  let lastAssistant: Extract<ExMessage, { role: 'assistant' }> | null = null;
  const closeTurn = (isEnd: boolean): void => {
    if (lastAssistant !== null && open.size > 0 && !isEnd) {
      const unanswer = open;
      unanswered += unanswer.size;
      lastAssistant.toolCalls = lastAssistant.toolCalls.filter((c) => !unanswer.has(c.id));
    }
    open = new Set();
  };
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i]!;
    if (m.role === 'tool') {
      if (open.delete(m.toolCallId)) out.push(m);
      else orphans++;
      continue;
    }
    closeTurn(false);
    if (m.role === 'assistant') {
      lastAssistant = m;
      open = new Set(m.toolCalls.map((c) => c.id));
    } else lastAssistant = null;
    out.push(m);
  }
  // the example's last assistant turn may end with calls (the model deciding to call a tool is what is trained);
  // only when tool results follow it must they be complete
  const endsWithAssistant = out[out.length - 1]?.role === 'assistant';
  closeTurn(endsWithAssistant);
  if (unanswered > 0) fixes.push({ action: 'fixed', code: 'unanswered_tool_call', message: `dropped ${plural(unanswered, 'tool call')} no tool result answers` });
  if (orphans > 0) fixes.push({ action: 'fixed', code: 'orphan_tool_result', message: `dropped ${plural(orphans, 'tool result')} answering no earlier call` });
  return out;
}

function isEmpty(m: ExMessage): boolean {
  switch (m.role) {
    case 'system':
      return m.text.trim() === '';
    case 'user':
      return m.parts.every((p) => p.type === 'text' && p.text.trim() === '');
    case 'assistant':
      return m.text.trim() === '' && m.toolCalls.length === 0;
    case 'tool':
      return false;
  }
}

function dropEmpty(msgs: ExMessage[], fixes: Fix[]): ExMessage[] {
  const out = msgs.filter((m) => !isEmpty(m));
  if (out.length < msgs.length) fixes.push({ action: 'fixed', code: 'empty_turn', message: `dropped ${plural(msgs.length - out.length, 'empty turn')}` });
  return out;
}

function hoistSystem(msgs: ExMessage[], fixes: Fix[]): ExMessage[] {
  const systems = msgs.filter((m): m is Extract<ExMessage, { role: 'system' }> => m.role === 'system');
  if (systems.length === 0) return msgs;
  const rest = msgs.filter((m) => m.role !== 'system');
  if (systems.length > 1 || msgs[0]?.role !== 'system') {
    fixes.push({ action: 'fixed', code: 'system_merged', message: `merged ${plural(systems.length, 'system turn')} into one leading system prompt` });
  }
  return [{ role: 'system', text: systems.map((s) => s.text).join('\n\n') }, ...rest];
}

function dropLeading(msgs: ExMessage[], fixes: Fix[]): ExMessage[] {
  const firstUser = msgs.findIndex((m) => m.role === 'user');
  const cut = msgs.slice(0, firstUser === -1 ? msgs.length : firstUser).filter((m) => m.role !== 'system');
  if (cut.length === 0) return msgs;
  fixes.push({ action: 'fixed', code: 'leading_turns_dropped', message: `dropped ${plural(cut.length, 'turn')} before the first user turn` });
  return msgs.filter((m, i) => m.role === 'system' || (firstUser !== -1 && i >= firstUser));
}

/** Consecutive user turns (or assistant turns) become one, so the roles alternate. */
function mergeRuns(msgs: ExMessage[], fixes: Fix[]): ExMessage[] {
  const out: ExMessage[] = [];
  let merged = 0;
  for (const m of msgs) {
    const prev = out[out.length - 1];
    if (prev?.role === 'user' && m.role === 'user') {
      prev.parts.push(...m.parts);
      merged++;
    } else if (prev?.role === 'assistant' && m.role === 'assistant') {
      prev.text = [prev.text, m.text].filter((t) => t !== '').join('\n\n');
      prev.thinking.push(...m.thinking);
      prev.toolCalls.push(...m.toolCalls);
      merged++;
    } else out.push(m);
  }
  if (merged > 0) fixes.push({ action: 'fixed', code: 'consecutive_turns_merged', message: `merged ${plural(merged, 'turn')} into the turn before (roles must alternate)` });
  return out;
}

function trimEnd(msgs: ExMessage[], mode: RuleOptions['mode'], fixes: Fix[]): ExMessage[] | null {
  const keep = (m: ExMessage): boolean => (mode === 'sft' ? m.role === 'assistant' : m.role === 'user' || m.role === 'tool');
  let end = msgs.length;
  while (end > 0 && !keep(msgs[end - 1]!)) end--;
  if (end === 0 || !msgs.slice(0, end).some((m) => m.role === (mode === 'sft' ? 'assistant' : 'user'))) return null;
  if (end < msgs.length) {
    const what = mode === 'sft' ? 'after the last assistant turn' : 'after the last user turn';
    fixes.push({ action: 'fixed', code: 'trailing_turns_dropped', message: `dropped ${plural(msgs.length - end, 'turn')} ${what}` });
  }
  return msgs.slice(0, end);
}

/** Runs the whole pass on a copy-safe example (it edits in place). */
export function applyRules(e: Example, rules: TargetRules, opts: RuleOptions): RuleResult {
  const fixes: Fix[] = [];
  const drop = (code: string, message: string): RuleResult => ({ example: null, fixes: [...fixes, { action: 'dropped', code, message }] });
  if (opts.thinking === 'strip') for (const m of e.messages) if (m.role === 'assistant') m.thinking = [];
  fixImages(e.messages, rules, fixes);
  let msgs = dropEmpty(e.messages, fixes);
  let trimmed = trimEnd(msgs, opts.mode, fixes);
  if (trimmed === null) return drop(opts.mode === 'sft' ? 'no_assistant_turn' : 'no_user_turn', opts.mode === 'sft' ? 'no assistant turn to train on' : 'the prompt has no user turn');
  msgs = dropEmpty(fixTools(trimmed, rules, fixes), fixes);
  if (rules.system !== 'inline') msgs = hoistSystem(msgs, fixes);
  if (rules.firstUser) msgs = dropLeading(msgs, fixes);
  if (rules.alternate) msgs = mergeRuns(msgs, fixes);
  trimmed = trimEnd(msgs, opts.mode, fixes);
  if (trimmed === null) return drop(opts.mode === 'sft' ? 'no_assistant_turn' : 'no_user_turn', 'nothing left to train on after the fixes');
  msgs = trimmed;
  if (rules.weights && opts.trainOn === 'last' && opts.mode === 'sft') {
    const last = msgs.map((m) => m.role).lastIndexOf('assistant');
    msgs.forEach((m, i) => m.role === 'assistant' && (m.weight = i === last ? 1 : 0));
  }
  const counted = msgs.filter((m) => m.role !== 'system').length;
  if (counted < rules.minMessages) return drop('too_few_messages', `${plural(counted, 'message')}; the target needs at least ${rules.minMessages}`);
  e.messages = msgs;
  return { example: e, fixes };
}
