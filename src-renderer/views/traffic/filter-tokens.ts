/**
 * Cuts filter text into tokens the way a search box user expects: whitespace separates, and double quotes keep spaces
 * inside one token (`"refund policy"`, `model:"my model"`). Positions are kept so a chip can be removed from the text
 * and an error can point at what the user typed.
 */
export interface Token {
  /** the token as typed, quotes included */
  raw: string;
  /** `key` of `key:value`, lower-cased; null for a bare word or a quoted phrase */
  key: string | null;
  /** the value with its surrounding quotes removed (the whole word for a bare token) */
  value: string;
  /** the token was (or its value was) in double quotes */
  quoted: boolean;
  /** a quote was opened and never closed (the token runs to the end of the text) */
  unterminated: boolean;
  start: number;
  end: number;
}

const KEY = /^([A-Za-z][A-Za-z_-]*):/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    let inQuote = false;
    while (i < text.length && (inQuote || !/\s/.test(text[i] ?? ''))) {
      if (text[i] === '"') inQuote = !inQuote;
      i++;
    }
    const raw = text.slice(start, i);
    out.push(toToken(raw, start, i, inQuote));
  }
  return out;
}

function toToken(raw: string, start: number, end: number, unterminated: boolean): Token {
  const m = KEY.exec(raw);
  const key = m?.[1] !== undefined ? m[1].toLowerCase() : null;
  const rest = m ? raw.slice(m[0].length) : raw;
  const quoted = rest.startsWith('"');
  const value = quoted ? rest.slice(1, rest.length > 1 && rest.endsWith('"') && !unterminated ? -1 : undefined) : rest;
  return { raw, key, value, quoted, unterminated, start, end };
}

/** A value written so `tokenize` reads it back as one token: quoted when it holds spaces or quotes or is empty. */
export function quoteValue(value: string): string {
  if (value !== '' && !/[\s"]/.test(value)) return value;
  return `"${value.replace(/"/g, '')}"`;
}
