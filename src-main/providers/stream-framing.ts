import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Turns a byte stream into the units provider parsers consume. UTF-8 is decoded with a streaming decoder, so a
 * multi-byte character split across TCP chunks survives.
 */
export interface Framer {
  push(chunk: Uint8Array): void;
  /** flush whatever is buffered (a final line without newline) */
  end(): void;
}

/** Server-sent events (eventsource-parser: handles CRLF, comments, multi-line data). */
export function sseFramer(onEvent: (event: { event: string | undefined; data: string }) => void): Framer {
  const decoder = new TextDecoder();
  const parser = createParser({ onEvent: (e: EventSourceMessage) => onEvent({ event: e.event, data: e.data }) });
  return {
    push: (chunk) => parser.feed(decoder.decode(chunk, { stream: true })),
    end: () => {
      parser.feed(decoder.decode());
      // a final event without its blank line still counts (a cut stream)
      parser.feed('\n\n');
    },
  };
}

/** Newline-delimited JSON (Ollama, application/x-ndjson): one value per non-empty line. */
export function ndjsonFramer(onValue: (value: unknown) => void, onBadLine?: (line: string) => void): Framer {
  const decoder = new TextDecoder();
  let buf = '';
  const line = (l: string) => {
    const t = l.trim();
    if (!t) return;
    try {
      onValue(JSON.parse(t));
    } catch {
      onBadLine?.(t);
    }
  };
  return {
    push: (chunk) => {
      buf += decoder.decode(chunk, { stream: true });
      let i: number;
      while ((i = buf.indexOf('\n')) !== -1) {
        line(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    },
    end: () => {
      buf += decoder.decode();
      line(buf);
      buf = '';
    },
  };
}

/**
 * A JSON array delivered incrementally (`[{…},\r\n{…}]`, Gemini streamGenerateContent without alt=sse): emits each
 * top-level element once its closing brace arrives, tracking strings and escapes so braces inside text don't count.
 */
export function jsonArrayFramer(onValue: (value: unknown) => void): Framer {
  const decoder = new TextDecoder();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let buf = '';
  let scanned = 0;
  const scan = () => {
    for (let i = scanned; i < buf.length; i++) {
      const c = buf[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') {
        if (depth === 1 && c === '{') start = i;
        depth++;
      } else if (c === '}' || c === ']') {
        depth--;
        if (depth === 1 && c === '}' && start !== -1) {
          try {
            onValue(JSON.parse(buf.slice(start, i + 1)));
          } catch {
            // a malformed element is skipped; the rest of the array still parses
          }
          start = -1;
        }
      }
    }
    // drop what no open element needs any more, keeping indexes relative to the new buffer
    const keepFrom = start === -1 ? buf.length : start;
    buf = buf.slice(keepFrom);
    if (start !== -1) start = 0;
    scanned = buf.length;
  };
  return {
    push: (chunk) => {
      buf += decoder.decode(chunk, { stream: true });
      scan();
    },
    end: () => {
      buf += decoder.decode();
      scan();
    },
  };
}

/** Parses JSON without throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Narrowing helpers for untyped provider JSON. */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
