import zlib from 'node:zlib';

export interface DecodedBody {
  /** decoded bytes (at most maxBytes), or the raw bytes when decoding failed; null when there was no body */
  body: Buffer | null;
  storedBytes: number;
  /** true when the body was cut at maxBytes */
  truncated: boolean;
  /** e.g. "gzip: incorrect header check"; the raw bytes are stored instead */
  decodeError: string | null;
}

type SyncDecoder = (input: Buffer, opts: zlib.ZlibOptions & zlib.BrotliOptions) => Buffer;

const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;

// zstd arrived in later Node releases; look it up at run time so Node 20 simply reports it as unsupported
const zstdSync = (zlib as unknown as { zstdDecompressSync?: SyncDecoder }).zstdDecompressSync;

/** deflate is specified as zlib-wrapped, but servers often send raw deflate: the header tells which. */
function inflateAny(input: Buffer, opts: zlib.ZlibOptions): Buffer {
  const b0 = input[0];
  const b1 = input[1];
  const zlibWrapped = b0 !== undefined && b1 !== undefined && (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
  return zlibWrapped ? zlib.inflateSync(input, opts) : zlib.inflateRawSync(input, opts);
}

function decoderFor(encoding: string): { run: SyncDecoder; flush: number } | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return { run: zlib.gunzipSync, flush: Z_SYNC_FLUSH };
    case 'deflate':
      return { run: inflateAny, flush: Z_SYNC_FLUSH };
    case 'br':
      return { run: zlib.brotliDecompressSync, flush: BROTLI_OPERATION_FLUSH };
    case 'zstd':
      return zstdSync ? { run: zstdSync, flush: 0 } : null;
    default:
      return null;
  }
}

function isTooLarge(err: unknown): boolean {
  return err instanceof RangeError || (err as { code?: unknown } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Decodes one layer, never producing more than `cap` bytes. The sync API can only refuse oversized output, so when it
 * does, the longest input prefix whose output still fits is found by bisection (output grows with input, and a flush
 * rather than a finish lets a prefix decode): bounded work however large the bomb.
 */
function decodeLayer(input: Buffer, d: { run: SyncDecoder; flush: number }, cap: number): { out: Buffer; capped: boolean } {
  const opts = (maxOutputLength: number) =>
    d.flush === 0 ? { maxOutputLength } : { finishFlush: d.flush, maxOutputLength };
  try {
    const out = d.run(input, opts(Math.max(1, cap + 1)));
    return out.length > cap ? { out: out.subarray(0, cap), capped: true } : { out, capped: false };
  } catch (err) {
    if (!isTooLarge(err)) throw err;
  }
  let lo = 0;
  let hi = input.length;
  let best: Buffer = Buffer.alloc(0);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      best = d.run(input.subarray(0, mid), opts(Math.max(1, cap + 1)));
      lo = mid;
    } catch (err) {
      if (!isTooLarge(err)) throw err;
      hi = mid - 1;
    }
  }
  // brotli can expand a single command past the cap: no prefix fits, so report it rather than store nothing
  if (best.length === 0 && cap > 0) throw new Error(`decoded size exceeds the ${cap}-byte limit`);
  return { out: best.length > cap ? best.subarray(0, cap) : best, capped: true };
}

function capRaw(raw: Buffer, maxBytes: number, decodeError: string | null): DecodedBody {
  const body = raw.length > maxBytes ? raw.subarray(0, maxBytes) : raw;
  return { body, storedBytes: body.length, truncated: raw.length > maxBytes, decodeError };
}

/**
 * Turns captured wire bytes into the body to store. Pure and total: malformed or unsupported encodings yield the raw
 * bytes plus a decodeError, a truncated capture yields the decodable prefix, and output never exceeds maxBytes.
 */
export function decodeBody(raw: Uint8Array | null, contentEncoding: string | null, maxBytes: number): DecodedBody {
  if (raw === null) return { body: null, storedBytes: 0, truncated: false, decodeError: null };
  const input = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const cap = Math.max(0, Math.floor(maxBytes));
  // "gzip, br" means gzip was applied first, so layers come off right to left
  const layers = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity')
    .reverse();
  if (layers.length === 0 || input.length === 0) return capRaw(input, cap, null);
  let data = input;
  let truncated = false;
  for (const enc of layers) {
    const d = decoderFor(enc);
    if (d === null) return capRaw(input, cap, `${enc}: content encoding not supported`);
    try {
      const { out, capped } = decodeLayer(data, d, cap);
      data = out;
      truncated ||= capped;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      return capRaw(input, cap, `${enc}: ${msg}`);
    }
  }
  return { body: data, storedBytes: data.length, truncated, decodeError: null };
}
