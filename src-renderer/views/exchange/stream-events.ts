import { createParser } from 'eventsource-parser';

/**
 * A streamed response split into its events, each with the time it arrived. The stored body is fed through the framer
 * in the chunks it arrived in (from `responseChunkTimes`), so an event's time is the arrival of the chunk that completed
 * it, the moment a client could have acted on it.
 */

export type StreamFormat = 'sse' | 'ndjson' | 'json-array';

export interface StreamEvent {
  index: number;
  /** ms since the request started when the event was complete; null without recorded chunk times */
  atMs: number | null;
  /** byte offset of the chunk that completed the event (decoded body) */
  byteOffset: number;
  /** SSE `event:` name; null for unnamed SSE events, NDJSON lines and array elements */
  event: string | null;
  /** the event's data (SSE data lines joined, the NDJSON line, the array element's JSON) */
  data: string;
  /** the generated text the event carries, when it is a recognised LLM delta */
  text: string | null;
}

export interface StreamSplit {
  format: StreamFormat;
  events: StreamEvent[];
  /** true when chunk offsets were scaled from compressed wire bytes, so times are approximate */
  approximate: boolean;
}

/** Which framing a response uses: by content type, else by its first character. */
export function streamFormat(contentType: string | null, body: string): StreamFormat | null {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('text/event-stream')) return 'sse';
  if (ct.includes('ndjson') || ct.includes('jsonl') || ct.includes('x-json-stream')) return 'ndjson';
  const first = /\S/.exec(body)?.[0];
  if (first === '[' && (ct === '' || ct.includes('json'))) return 'json-array';
  if (ct === '' && /^(data|event|id):/m.test(body.slice(0, 200))) return 'sse';
  return null;
}

interface Chunk {
  start: number;
  end: number;
  atMs: number | null;
}

/** Chunk boundaries in body bytes. Offsets of a compressed body are wire offsets, so they are scaled to decoded size. */
export function chunkRanges(length: number, times: number[] | null, wireBytes: number | null = null): Chunk[] {
  if (times === null || times.length < 2) return [{ start: 0, end: length, atMs: null }];
  const scale = wireBytes !== null && wireBytes > 0 && wireBytes !== length ? length / wireBytes : 1;
  const chunks: Chunk[] = [];
  for (let i = 0; i + 1 < times.length; i += 2) {
    const start = i === 0 ? 0 : Math.min(length, Math.round((times[i] ?? 0) * scale));
    const next = i + 2 < times.length ? Math.min(length, Math.round((times[i + 2] ?? length) * scale)) : length;
    if (next > start) chunks.push({ start, end: next, atMs: times[i + 1] ?? null });
    if (next >= length) break;
  }
  const last = chunks[chunks.length - 1];
  if (last && last.end < length) last.end = length;
  return chunks.length > 0 ? chunks : [{ start: 0, end: length, atMs: times[1] ?? null }];
}

/** Pulls the generated text out of the delta shapes the common APIs stream. */
export function deltaText(data: string): string | null {
  if (data === '' || data === '[DONE]') return null;
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  const get = (o: unknown, ...path: Array<string | number>): unknown => {
    let cur = o;
    for (const k of path) {
      if (cur === null || typeof cur !== 'object') return undefined;
      cur = (cur as Record<string | number, unknown>)[k];
    }
    return cur;
  };
  const candidates = [
    get(v, 'choices', 0, 'delta', 'content'), // OpenAI chat
    get(v, 'choices', 0, 'delta', 'reasoning_content'),
    get(v, 'choices', 0, 'text'), // legacy completions
    get(v, 'delta', 'text'), // Anthropic text_delta
    get(v, 'delta', 'thinking'),
    get(v, 'delta', 'partial_json'),
    get(v, 'type') === 'response.output_text.delta' || get(v, 'type') === 'response.function_call_arguments.delta' ? get(v, 'delta') : undefined,
    get(v, 'candidates', 0, 'content', 'parts', 0, 'text'), // Gemini
    get(v, 'message', 'content'), // Ollama chat
    get(v, 'response'), // Ollama generate
    get(v, 'delta', 'message', 'content', 'text'), // Cohere v2
  ];
  for (const c of candidates) if (typeof c === 'string' && c !== '') return c;
  return null;
}

type Emit = (event: string | null, data: string) => void;

interface Framer {
  feed(text: string): void;
  end(): void;
}

function sseFramer(emit: Emit): Framer {
  const parser = createParser({ onEvent: (e) => emit(e.event ?? null, e.data) });
  return {
    feed: (t) => parser.feed(t),
    // a last event without its blank line still counts (a cut stream)
    end: () => parser.feed('\n\n'),
  };
}

function ndjsonFramer(emit: Emit): Framer {
  let buf = '';
  const line = (l: string) => {
    const t = l.trim();
    if (t !== '') emit(null, t);
  };
  return {
    feed: (t) => {
      buf += t;
      let i: number;
      while ((i = buf.indexOf('\n')) !== -1) {
        line(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    },
    end: () => {
      line(buf);
      buf = '';
    },
  };
}

/** Top-level elements of a JSON array as they close, tracking strings so brackets inside text don't count. */
function jsonArrayFramer(emit: Emit): Framer {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let current = '';
  return {
    feed: (t) => {
      for (let i = 0; i < t.length; i++) {
        const c = t[i] as string;
        if (depth >= 2) current += c;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') {
          depth++;
          if (depth === 2) current = c;
        } else if (c === '}' || c === ']') {
          depth--;
          if (depth === 1) {
            emit(null, current);
            current = '';
          }
        }
      }
    },
    end: () => {
      if (current.trim() !== '') emit(null, current);
      current = '';
    },
  };
}

const FRAMERS: Record<StreamFormat, (emit: Emit) => Framer> = { sse: sseFramer, ndjson: ndjsonFramer, 'json-array': jsonArrayFramer };

/**
 * Splits a stored streamed body into events. `wireBytes` is the response's size on the wire: when it differs from the
 * decoded body (compression), chunk offsets are scaled and the result is marked approximate.
 */
export function splitStreamEvents(
  body: string,
  format: StreamFormat,
  chunkTimes: number[] | null,
  wireBytes: number | null = null,
): StreamSplit {
  const bytes = new TextEncoder().encode(body);
  const chunks = chunkRanges(bytes.length, chunkTimes, wireBytes);
  const approximate = chunkTimes !== null && wireBytes !== null && wireBytes > 0 && wireBytes !== bytes.length;
  const events: StreamEvent[] = [];
  let chunk: Chunk = chunks[0] ?? { start: 0, end: 0, atMs: null };
  const framer = FRAMERS[format]((event, data) => {
    events.push({ index: events.length, atMs: chunk.atMs, byteOffset: chunk.start, event, data, text: deltaText(data) });
  });
  // a streaming decoder keeps a multi-byte character whole when a chunk boundary cuts it
  const decoder = new TextDecoder();
  for (const c of chunks) {
    chunk = c;
    framer.feed(decoder.decode(bytes.subarray(c.start, c.end), { stream: true }));
  }
  framer.feed(decoder.decode());
  framer.end();
  return { format, events, approximate };
}

/** One line for the list: the delta text when there is one, else the data squeezed onto a line. */
export function eventPreview(e: StreamEvent, max = 160): string {
  const s = (e.text !== null ? JSON.stringify(e.text) : e.data).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
