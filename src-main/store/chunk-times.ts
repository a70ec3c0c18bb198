/**
 * Response chunk arrivals are kept as the raw bytes of a Float64Array holding the flat [byteOffset, ms, …] pairs: exact,
 * compact (16 bytes a chunk) and decoded without parsing.
 */
export function encodeChunkTimes(times: readonly number[] | null): Buffer | null {
  if (times === null || times.length === 0) return null;
  const f = Float64Array.from(times);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

export function decodeChunkTimes(blob: Buffer | Uint8Array | null): number[] | null {
  if (blob === null || blob.byteLength < 8) return null;
  // copy: a Buffer from SQLite need not start on an 8-byte boundary, which a Float64Array view requires
  const n = Math.floor(blob.byteLength / 8);
  const copy = new Uint8Array(n * 8);
  copy.set(blob.subarray(0, n * 8));
  return Array.from(new Float64Array(copy.buffer));
}
