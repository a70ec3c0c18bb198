/**
 * A one-line title for a previewed line, whatever the format wrote: its turns (`system · user · assistant`) for the
 * datasets, `POST api.openai.com/v1/chat/completions → 200` for a HAR entry, the exchange for a trace file.
 */

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function roles(list: unknown, key: 'role' | 'from'): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((m) => {
    const r = record(m)?.[key];
    return typeof r === 'string' ? r : '?';
  });
}

/** `user · assistant ×3 · tool` style: consecutive repeats folded so a long loop stays one line. */
export function turnsText(list: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < list.length) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[i]) j++;
    out.push(j > i ? `${list[i]} ×${j - i + 1}` : list[i]!);
    i = j + 1;
  }
  return out.join(' · ');
}

function urlText(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

export function exampleSummary(line: unknown): string {
  const o = record(line);
  if (o === null) return typeof line;
  if (Array.isArray(o['messages'])) {
    const turns = roles(o['messages'], 'role');
    const head = typeof o['system'] === 'string' ? ['system'] : [];
    return `${turnsText([...head, ...turns])} (${turns.length + head.length} turns)`;
  }
  if (Array.isArray(o['contents'])) {
    const turns = roles(o['contents'], 'role');
    const head = o['systemInstruction'] ? ['system'] : [];
    return `${turnsText([...head, ...turns])} (${turns.length + head.length} turns)`;
  }
  if (Array.isArray(o['conversations'])) {
    const turns = roles(o['conversations'], 'from');
    return `${turnsText(turns)} (${turns.length} turns)`;
  }
  const input = record(o['input']);
  if (input && Array.isArray(input['messages'])) {
    return `${turnsText(roles(input['messages'], 'role'))} → preferred / rejected reply`;
  }
  const request = record(o['request']);
  if (request && typeof request['url'] === 'string') {
    const status = record(o['response'])?.['status'];
    return `${String(request['method'] ?? '')} ${urlText(request['url'])}${typeof status === 'number' ? ` → ${status}` : ''}`.trim();
  }
  if (typeof o['url'] === 'string' && typeof o['method'] === 'string') {
    const id = typeof o['id'] === 'number' ? `#${o['id']} ` : '';
    const status = typeof o['status'] === 'number' ? ` → ${o['status']}` : '';
    return `${id}${o['method']} ${urlText(o['url'])}${status}`;
  }
  const keys = Object.keys(o);
  return keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', …' : '');
}
