import { isUtf8 } from 'node:buffer';

/** Only the head of a body is indexed: enough to find an exchange, bounded in time and index size. */
export const FTS_MAX_BYTES = 1024 * 1024;

const BINARY_TYPE = /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|wasm|x-protobuf|protobuf|grpc|vnd\.google\.protobuf)/i;

/** Whether a body of this content type can hold text worth indexing (unknown types are tried). */
export function isTextual(contentType: string | null): boolean {
  return contentType === null || !BINARY_TYPE.test(contentType.trim());
}

/** Text to index for a body, or '' when it is absent or not text. */
export function ftsText(body: Buffer | null, contentType: string | null): string {
  if (body === null || body.length === 0) return '';
  if (contentType !== null && BINARY_TYPE.test(contentType.trim())) return '';
  let head = body;
  if (body.length > FTS_MAX_BYTES) {
    // back off to a character boundary so a cut multi-byte character does not make text look binary
    let end = FTS_MAX_BYTES;
    while (end > 0 && ((body[end] ?? 0) & 0xc0) === 0x80) end--;
    head = body.subarray(0, end);
  }
  return isUtf8(head) ? head.toString('utf8') : '';
}

/** What the unicode61 tokenizer keeps as token characters (its default categories L*, N*, Co). */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * Turns user input into an FTS5 query that cannot be a syntax error: the input is cut into the same tokens the index
 * holds, each becomes a quoted term, and all are AND-ed. A trailing `*` on a word keeps its prefix meaning. The index
 * keeps no positions (detail=none), so "gpt-4o" matches rows holding both "gpt" and "4o". Null: nothing searchable.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  for (const word of input.split(/\s+/)) {
    if (word === 'AND') continue;
    const tokens = word.match(TOKEN) ?? [];
    const prefix = word.endsWith('*');
    tokens.forEach((t, i) => parts.push(`"${t}"${prefix && i === tokens.length - 1 ? '*' : ''}`));
  }
  return parts.length === 0 ? null : parts.join(' AND ');
}
