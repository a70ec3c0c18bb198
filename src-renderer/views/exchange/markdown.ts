/**
 * The Markdown subset LLM replies use (headings, lists, fenced code, quotes, tables, emphasis, inline code, links), parsed
 * into a tree the view renders as React elements: no HTML string is ever injected, so a reply cannot smuggle markup in.
 * Single newlines stay line breaks, since chat text is written line by line. An unclosed fence (a reply still streaming)
 * runs to the end.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: Inline[] }
  | { t: 'em'; c: Inline[] }
  | { t: 'del'; c: Inline[] }
  | { t: 'link'; href: string; c: Inline[] }
  | { t: 'br' };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'h'; level: number; c: Inline[] }
  | { t: 'code'; lang: string | null; v: string }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'quote'; c: Block[] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'hr' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const HR = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const TABLE_SEP = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function startsBlock(line: string, next: string | undefined): boolean {
  return FENCE.test(line) || HEADING.test(line) || HR.test(line) || LIST_ITEM.test(line) || QUOTE.test(line) || (line.includes('|') && next !== undefined && TABLE_SEP.test(next) && next.includes('-'));
}

export function parseBlocks(text: string): Block[] {
  return blocks(text.replace(/\r\n?/g, '\n').split('\n'));
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] as string;
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trim().startsWith(marker)) body.push(lines[i++] as string);
      i++; // the closing fence (or past the end of a reply still streaming)
      out.push({ t: 'code', lang: fence[2] || null, v: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ t: 'h', level: (heading[1] as string).length, c: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (HR.test(line)) {
      out.push({ t: 'hr' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) inner.push(QUOTE.exec(lines[i++] as string)?.[1] ?? '');
      out.push({ t: 'quote', c: blocks(inner) });
      continue;
    }
    const next = lines[i + 1];
    if (line.includes('|') && next !== undefined && TABLE_SEP.test(next) && next.includes('-')) {
      const head = splitRow(line).map(parseInline);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && (lines[i] as string).includes('|') && (lines[i] as string).trim() !== '') rows.push(splitRow(lines[i++] as string).map(parseInline));
      out.push({ t: 'table', head, rows });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const base = indentOf(line);
      const ordered = /\d/.test(item[2] as string);
      const list: Block[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i] as string);
        if (!m || indentOf(lines[i] as string) !== base || /\d/.test(m[2] as string) !== ordered) break;
        const content = [m[3] ?? ''];
        // where the item's text starts: continuation lines are dedented by that much (`1. ` is 3, `- ` is 2)
        const contentIndent = (lines[i] as string).length - (m[3] ?? '').length;
        i++;
        // continuation: indented deeper than the marker, possibly after blank lines
        while (i < lines.length) {
          const l = lines[i] as string;
          if (l.trim() === '') {
            const after = lines[i + 1];
            if (after !== undefined && after.trim() !== '' && indentOf(after) > base) {
              content.push('');
              i++;
              continue;
            }
            break;
          }
          if (indentOf(l) > base) content.push(l.slice(Math.min(indentOf(l), contentIndent)));
          else if (!startsBlock(l, lines[i + 1]) && !LIST_ITEM.test(l)) content.push(l);
          else break;
          i++;
        }
        list.push(blocks(content));
      }
      out.push({ t: 'list', ordered, start: ordered ? Number.parseInt(item[2] as string, 10) : 1, items: list });
      continue;
    }
    const para: string[] = [line];
    i++;
    while (i < lines.length && (lines[i] as string).trim() !== '' && !startsBlock(lines[i] as string, lines[i + 1])) para.push(lines[i++] as string);
    out.push({ t: 'p', c: parseInline(para.join('\n')) });
  }
  return out;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** Inline spans: code first (nothing inside it is markup), then links, emphasis, strikethrough, line breaks. */
export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ t: 'text', v: text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length && /[\\`*_[\]()#+\-.!|~>]/.test(s[i + 1] as string)) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      flush();
      out.push({ t: 'br' });
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(s.slice(i))?.[0] ?? '`';
      const end = s.indexOf(run, i + run.length);
      if (end !== -1) {
        flush();
        out.push({ t: 'code', v: s.slice(i + run.length, end).replace(/^ (.*) $/, '$1') });
        i = end + run.length;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/.exec(s.slice(i));
      if (m && SAFE_URL.test(m[2] ?? '')) {
        flush();
        out.push({ t: 'link', href: m[2] as string, c: parseInline(m[1] ?? '') });
        i += m[0].length;
        continue;
      }
    }
    if (c === '*' || c === '_' || c === '~') {
      const double = s.slice(i, i + 2);
      if ((double === '**' || double === '__' || double === '~~') && i + 2 < s.length) {
        const end = s.indexOf(double, i + 2);
        if (end > i + 2) {
          flush();
          const inner = parseInline(s.slice(i + 2, end));
          out.push(double === '~~' ? { t: 'del', c: inner } : { t: 'strong', c: inner });
          i = end + 2;
          continue;
        }
      }
      // single emphasis: not inside a word for `_`, and never around whitespace
      const prev = i > 0 ? (s[i - 1] as string) : ' ';
      if (c !== '~' && !(c === '_' && /\w/.test(prev)) && i + 1 < s.length && !/\s/.test(s[i + 1] as string)) {
        let end = i + 1;
        while ((end = s.indexOf(c, end)) !== -1) {
          const after = s[end + 1] ?? ' ';
          if (!/\s/.test(s[end - 1] as string) && s[end + 1] !== c && !(c === '_' && /\w/.test(after))) break;
          end++;
        }
        if (end !== -1 && end > i + 1 && !s.slice(i + 1, end).includes('\n\n')) {
          flush();
          out.push({ t: 'em', c: parseInline(s.slice(i + 1, end)) });
          i = end + 1;
          continue;
        }
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}
