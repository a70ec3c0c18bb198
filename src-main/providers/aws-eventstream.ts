import zlib from 'node:zlib';

/**
 * Incremental decoder for AWS event-stream framing (`application/vnd.amazon.eventstream`, Bedrock streaming):
 *
 *   [total length u32][headers length u32][prelude CRC32 u32][headers …][payload …][message CRC32 u32]
 *
 * Header: [name length u8][name utf-8][value type u8][value], types 0 true, 1 false, 2 byte, 3 short, 4 int, 5 long,
 * 6 byte array (u16 length), 7 string (u16 length), 8 timestamp (i64 ms), 9 uuid (16 bytes).
 *
 * Frames may be split anywhere across chunks. Never throws: a bad prelude CRC or impossible lengths make the decoder
 * resynchronise byte by byte; a bad message CRC drops that one message (its length was vouched for by the prelude CRC).
 * Either way an error is reported through `onError`.
 */

export type EventStreamHeaderValue = boolean | number | bigint | string | Uint8Array | Date;

export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

export type EventStreamErrorKind = 'prelude-crc' | 'bad-length' | 'message-crc' | 'bad-headers' | 'truncated';

export interface EventStreamError {
  kind: EventStreamErrorKind;
  /** byte offset (in the whole stream) where the bad frame started */
  offset: number;
  message: string;
}

export interface EventStreamDecoder {
  push(chunk: Uint8Array): void;
  /** the stream is over: leftover bytes are reported as a truncated frame */
  end(): void;
  /** messages decoded and errors seen so far */
  readonly messageCount: number;
  readonly errorCount: number;
}

/** Largest frame accepted (the service limit is 16 MiB; anything larger is treated as a corrupt prelude). */
export const MAX_FRAME_BYTES = 24 * 1024 * 1024;
const PRELUDE = 12;
const MIN_FRAME = 16;

let table: Uint32Array | undefined;
/** CRC-32 (IEEE, reflected, poly 0xEDB88320), table-driven; used when zlib.crc32 is unavailable. */
export function tableCrc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
/** CRC-32 of bytes[start, end): zlib's native one when Node has it, else the table. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (typeof nativeCrc === 'function') return nativeCrc(bytes.subarray(start, end)) >>> 0;
  return tableCrc32(bytes, start, end);
}

const utf8 = new TextDecoder('utf-8');

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Parses the header block; null when it is malformed (runs past its end, unknown type). */
export function decodeHeaders(buf: Uint8Array): Record<string, EventStreamHeaderValue> | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Record<string, EventStreamHeaderValue> = {};
  let p = 0;
  const need = (n: number) => p + n <= buf.length;
  while (p < buf.length) {
    const nameLen = buf[p]!;
    p += 1;
    if (nameLen === 0 || !need(nameLen + 1)) return null;
    const name = utf8.decode(buf.subarray(p, p + nameLen));
    p += nameLen;
    const type = buf[p]!;
    p += 1;
    let value: EventStreamHeaderValue;
    switch (type) {
      case 0:
      case 1:
        value = type === 0;
        break;
      case 2:
        if (!need(1)) return null;
        value = view.getInt8(p);
        p += 1;
        break;
      case 3:
        if (!need(2)) return null;
        value = view.getInt16(p);
        p += 2;
        break;
      case 4:
        if (!need(4)) return null;
        value = view.getInt32(p);
        p += 4;
        break;
      case 5:
        if (!need(8)) return null;
        value = view.getBigInt64(p);
        p += 8;
        break;
      case 6:
      case 7: {
        if (!need(2)) return null;
        const len = view.getUint16(p);
        p += 2;
        if (!need(len)) return null;
        const bytes = buf.slice(p, p + len);
        value = type === 7 ? utf8.decode(bytes) : bytes;
        p += len;
        break;
      }
      case 8:
        if (!need(8)) return null;
        value = new Date(Number(view.getBigInt64(p)));
        p += 8;
        break;
      case 9: {
        if (!need(16)) return null;
        const h = hex(buf.subarray(p, p + 16));
        value = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        p += 16;
        break;
      }
      default:
        return null;
    }
    out[name] = value;
  }
  return out;
}

export function createEventStreamDecoder(
  onMessage: (message: EventStreamMessage) => void,
  onError: (error: EventStreamError) => void = () => {},
): EventStreamDecoder {
  let buf: Uint8Array = new Uint8Array(0);
  /** stream offset of buf[0] */
  let base = 0;
  let messages = 0;
  let errors = 0;
  /** a resync run is reported once, not once per skipped byte */
  let resyncing = false;

  const report = (kind: EventStreamErrorKind, offset: number, message: string) => {
    errors++;
    try {
      onError({ kind, offset, message });
    } catch {
      // a failing listener must not break decoding
    }
  };

  const drain = () => {
    let p = 0;
    while (buf.length - p >= PRELUDE) {
      const view = new DataView(buf.buffer, buf.byteOffset + p, PRELUDE);
      const total = view.getUint32(0);
      const headersLen = view.getUint32(4);
      const preludeOk = view.getUint32(8) === crc32(buf, p, p + 8);
      const lengthsOk = total >= MIN_FRAME && total <= MAX_FRAME_BYTES && headersLen <= total - MIN_FRAME;
      if (!preludeOk || !lengthsOk) {
        if (!resyncing) {
          report(preludeOk ? 'bad-length' : 'prelude-crc', base + p, preludeOk ? `impossible frame length ${total}` : 'prelude CRC mismatch');
          resyncing = true;
        }
        p += 1;
        continue;
      }
      if (buf.length - p < total) break;
      resyncing = false;
      const frame = buf.subarray(p, p + total);
      const at = base + p;
      p += total;
      const expected = new DataView(frame.buffer, frame.byteOffset + total - 4, 4).getUint32(0);
      if (expected !== crc32(frame, 0, total - 4)) {
        report('message-crc', at, 'message CRC mismatch');
        continue;
      }
      const headers = decodeHeaders(frame.subarray(PRELUDE, PRELUDE + headersLen));
      if (!headers) {
        report('bad-headers', at, 'malformed headers');
        continue;
      }
      messages++;
      try {
        onMessage({ headers, payload: frame.slice(PRELUDE + headersLen, total - 4) });
      } catch {
        // a failing listener must not break decoding
      }
    }
    if (p > 0) {
      buf = buf.slice(p);
      base += p;
    }
  };

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf, 0);
      next.set(chunk, buf.length);
      buf = next;
      drain();
    },
    end() {
      if (buf.length > 0 && !resyncing) report('truncated', base, `stream ended inside a frame (${buf.length} bytes left)`);
      base += buf.length;
      buf = new Uint8Array(0);
    },
    get messageCount() {
      return messages;
    },
    get errorCount() {
      return errors;
    },
  };
}

/** Decodes a whole buffer: the messages plus any errors (tests, one-shot bodies). */
export function decodeEventStreamBytes(bytes: Uint8Array): { messages: EventStreamMessage[]; errors: EventStreamError[] } {
  const messages: EventStreamMessage[] = [];
  const errors: EventStreamError[] = [];
  const d = createEventStreamDecoder(
    (m) => messages.push(m),
    (e) => errors.push(e),
  );
  d.push(bytes);
  d.end();
  return { messages, errors };
}
