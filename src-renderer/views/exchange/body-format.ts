/** How a stored body is shown: pretty JSON when it parses, the text as is otherwise, a hex look at binary. */

/** Above this, pretty-printing would cost more than a person waiting for a click should pay up front. */
export const PRETTY_LIMIT = 16 * 1024 * 1024;

export interface ShownBody {
  text: string;
  /** the body parsed as JSON (so the viewer highlights and folds it) */
  json: boolean;
  /** `text` is a re-indented copy, not the bytes as stored */
  pretty: boolean;
}

export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b|^application\/json/i.test(contentType);
}

/** Raw (as stored) or pretty (re-indented) text of a body; non-JSON bodies are the same either way. */
export function showBody(body: string, contentType: string | null, raw: boolean): ShownBody {
  const first = /\S/.exec(body.slice(0, 1024))?.[0];
  const maybeJson = isJsonType(contentType) || first === '{' || first === '[';
  if (!maybeJson) return { text: body, json: false, pretty: false };
  if (body.length > PRETTY_LIMIT) return { text: body, json: true, pretty: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { text: body, json: false, pretty: false };
  }
  if (raw) return { text: body, json: true, pretty: false };
  return { text: JSON.stringify(parsed, null, 2), json: true, pretty: true };
}

/** Decoded size of a base64 string without decoding it. */
export function base64Size(b64: string): number {
  const clean = b64.replace(/\s+/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

/** The first bytes of a base64 body as a classic hex dump (offset, 16 hex bytes, printable ASCII). */
export function hexDump(b64: string, maxBytes = 256): string {
  // only decode the head: 4 base64 characters per 3 bytes
  const head = b64.replace(/\s+/g, '').slice(0, Math.ceil(maxBytes / 3) * 4);
  let bin: string;
  try {
    bin = atob(head);
  } catch {
    return '(not valid base64)';
  }
  const bytes = Array.from(bin.slice(0, maxBytes), (c) => c.charCodeAt(0));
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.slice(off, off + 16);
    const hex = row.map((b) => b.toString(16).padStart(2, '0')).join(' ').padEnd(47, ' ');
    const ascii = row.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** A JSON value pretty for display; strings that hold JSON (tool arguments) are parsed first. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}
