// Recorded provider fixtures (tests/fixtures/providers): locating and reading them, parsing MANIFEST.md, and turning a
// fixture into a fake-provider Reply (see ./fake-provider.ts). Nothing here touches the network or /work/shared.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Reply, Encoding, Fault } from './fake-provider.js';

let root: string | undefined;
/** Repository root (the first ancestor of this module holding package.json and the fixtures). */
export function repoRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tests', 'fixtures', 'providers'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('fixtures: repository root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export function fixturesDir(): string {
  return join(repoRoot(), 'tests', 'fixtures', 'providers');
}

const byteCache = new Map<string, Buffer>();
/** Exact bytes of a fixture, e.g. fixtureBytes('openai/chat-text.json'). */
export function fixtureBytes(relPath: string): Buffer {
  let b = byteCache.get(relPath);
  if (!b) {
    b = readFileSync(join(fixturesDir(), relPath));
    byteCache.set(relPath, b);
  }
  return b;
}

export type FixtureFormat = 'json' | 'json-array-stream' | 'sse' | 'ndjson' | 'events-jsonl' | 'exchange';
export type NormalizedUsage = Partial<
  Record<'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens' | 'reasoningTokens' | 'totalTokens', number>
>;

export interface ManifestEntry {
  /** Path relative to tests/fixtures/providers, e.g. "openai/chat-text.json". */
  file: string;
  /** Provider folder ("openai", "azure-openai", ...). */
  provider: string;
  format: FixtureFormat;
  streaming: boolean;
  request: {
    method: string;
    /** URL as written in the manifest (may contain {placeholders} or be a bare path). */
    url: string;
    /** A concrete absolute URL (placeholders filled in). */
    concreteUrl: string;
    /** "(...)" qualifier after the URL, e.g. "stream:true, stream_options.include_usage:true". */
    qualifier: string;
    /** Number of calls ("2 x POST ..." → 2). */
    count: number;
    /** HTTP status the provider answered with (default 200). */
    status: number;
    raw: string;
  };
  api: string;
  size: number;
  licence: string;
  source: string;
  transform: string;
  /** Provider-native usage numbers (null: "none in this body" or per-exchange). */
  providerUsage: Record<string, number> | null;
  /** Expected normalized usage (null when the body has none). */
  normalized: NormalizedUsage | null;
  /** Other expected parsed facts (model, finish, tool_calls, ...). */
  parsed: Record<string, unknown> | null;
  notes: string;
}

const PLACEHOLDERS: Record<string, string> = {
  resource: 'test-resource',
  region: 'us-east-1',
  modelId: 'anthropic.claude-3-5-sonnet-20240620-v1%3A0',
  location: 'us-central1',
  project: 'test-project',
};

function formatOf(file: string): FixtureFormat {
  if (file.endsWith('.exchange.json')) return 'exchange';
  if (file.endsWith('stream-text-json-array.json')) return 'json-array-stream';
  if (file.endsWith('.events.jsonl')) return 'events-jsonl';
  if (file.endsWith('.sse')) return 'sse';
  if (file.endsWith('.ndjson')) return 'ndjson';
  return 'json';
}

function jsonOrNull<T>(text: string | undefined): T | null {
  const m = text ? /`(\{.*\})`/.exec(text) : null;
  return m?.[1] ? (JSON.parse(m[1]) as T) : null;
}

function parseRequestLine(raw: string, parsedModel: unknown): ManifestEntry['request'] {
  const m = /^(?:(\d+) x )?([A-Z]+) (?:\([^)]*\) )?(\S+)(?: \(([^)]*)\))?/.exec(raw);
  if (!m) throw new Error(`manifest: cannot parse request line: ${raw}`);
  const url = m[3]!;
  const status = /-> HTTP (\d{3})/.exec(raw);
  const model = typeof parsedModel === 'string' ? parsedModel : 'gemini-2.5-flash';
  let concrete = url
    .replace(/\{(\w+)\}/g, (_all, k: string) => (k === 'model' ? model : PLACEHOLDERS[k] ?? k))
    .replace('api-version=...', 'api-version=2024-10-21');
  if (concrete.startsWith('/')) concrete = 'https://api.anthropic.com' + concrete;
  return {
    method: m[2]!,
    url,
    concreteUrl: concrete,
    qualifier: m[4] ?? '',
    count: m[1] ? Number(m[1]) : 1,
    status: status ? Number(status[1]) : 200,
    raw,
  };
}

let manifestCache: ManifestEntry[] | undefined;
/** Parse tests/fixtures/providers/MANIFEST.md (cached). */
export function manifest(): ManifestEntry[] {
  if (manifestCache) return manifestCache;
  const text = readFileSync(join(fixturesDir(), 'MANIFEST.md'), 'utf8');
  const entries: ManifestEntry[] = [];
  for (const section of text.split(/^### /m).slice(1)) {
    const lines = section.split('\n');
    const file = /^`([^`]+)`/.exec(lines[0] ?? '')?.[1];
    if (!file) continue;
    const fields = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const fm = /^- ([A-Za-z ]+?): (.*)$/.exec(l);
      if (fm) fields.set(fm[1]!, fm[2]!);
    }
    const parsed = jsonOrNull<Record<string, unknown>>(fields.get('Parsed'));
    const apiLine = fields.get('API') ?? '';
    const apiM = /^`([^`]+)` · size (\d+) B · licence (\S+)/.exec(apiLine);
    const reqRaw = /^`([^`]+)`/.exec(fields.get('Request') ?? '')?.[1] ?? '';
    const format = formatOf(file);
    entries.push({
      file,
      provider: file.split('/')[0]!,
      format,
      streaming: format !== 'json' && format !== 'exchange',
      request: parseRequestLine(reqRaw, parsed?.['model']),
      api: apiM?.[1] ?? '',
      size: apiM ? Number(apiM[2]) : -1,
      licence: apiM?.[3] ?? '',
      source: fields.get('Source') ?? '',
      transform: fields.get('Transform') ?? '',
      providerUsage: jsonOrNull<Record<string, number>>(fields.get('Provider usage')),
      normalized: jsonOrNull<NormalizedUsage>(fields.get('Normalized')),
      parsed,
      notes: fields.get('Notes') ?? '',
    });
  }
  manifestCache = entries;
  return entries;
}

export function manifestEntry(file: string): ManifestEntry {
  const e = manifest().find((x) => x.file === file);
  if (!e) throw new Error(`manifest: no entry for ${file}`);
  return e;
}

/** Split an SSE body after every blank line (any of \n, \r\n, \r). Concatenation of the result === input. */
export function splitSseEvents(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  let lineStart = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c !== 0x0a && c !== 0x0d) continue;
    const end = c === 0x0d && buf[i + 1] === 0x0a ? i + 2 : i + 1;
    if (i === lineStart && i > start) {
      out.push(buf.subarray(start, end));
      start = end;
    }
    lineStart = end;
    i = end - 1;
  }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

/** Split after every newline (NDJSON / JSONL). */
export function splitLines(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      out.push(buf.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < buf.length) out.push(buf.subarray(start));
  return out;
}

/** Gemini JSON-array stream: split after each top-level ",\r\n" element separator. */
export function splitJsonArrayStream(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const sep = Buffer.from('},\r\n{');
  let start = 0;
  for (let i = buf.indexOf(sep); i !== -1; i = buf.indexOf(sep, i + 1)) {
    out.push(buf.subarray(start, i + 4));
    start = i + 4;
  }
  out.push(buf.subarray(start));
  return out;
}

// ---- AWS event-stream (application/vnd.amazon.eventstream) framing for the decoded Bedrock fixtures ----

function eventStreamHeader(name: string, value: string): Buffer {
  const n = Buffer.from(name);
  const v = Buffer.from(value);
  const b = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  b.writeUInt8(n.length, 0);
  n.copy(b, 1);
  b.writeUInt8(7, 1 + n.length); // string
  b.writeUInt16BE(v.length, 2 + n.length);
  v.copy(b, 4 + n.length);
  return b;
}

/** Encode one event-stream message (prelude, headers, payload, CRCs). */
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const h = Buffer.concat(Object.entries(headers).map(([k, v]) => eventStreamHeader(k, v)));
  const total = 12 + h.length + payload.length + 4;
  const msg = Buffer.alloc(total);
  msg.writeUInt32BE(total, 0);
  msg.writeUInt32BE(h.length, 4);
  msg.writeUInt32BE(zlib.crc32(msg.subarray(0, 8)), 8);
  h.copy(msg, 12);
  payload.copy(msg, 12 + h.length);
  msg.writeUInt32BE(zlib.crc32(msg.subarray(0, total - 4)), total - 4);
  return msg;
}

/** Decode concatenated event-stream messages (no CRC checks beyond lengths) into {headers, payload}. */
export function decodeEventStream(buf: Buffer): { headers: Record<string, string>; payload: Buffer }[] {
  const out: { headers: Record<string, string>; payload: Buffer }[] = [];
  let off = 0;
  while (off + 16 <= buf.length) {
    const total = buf.readUInt32BE(off);
    const hlen = buf.readUInt32BE(off + 4);
    const headers: Record<string, string> = {};
    let p = off + 12;
    while (p < off + 12 + hlen) {
      const nl = buf.readUInt8(p);
      const name = buf.subarray(p + 1, p + 1 + nl).toString();
      const vl = buf.readUInt16BE(p + 2 + nl);
      headers[name] = buf.subarray(p + 4 + nl, p + 4 + nl + vl).toString();
      p += 4 + nl + vl;
    }
    out.push({ headers, payload: buf.subarray(off + 12 + hlen, off + total - 4) });
    off += total;
  }
  return out;
}

/** One binary event-stream frame per line of a decoded Bedrock `.events.jsonl` fixture. */
export function bedrockEventStreamChunks(relPath: string): Buffer[] {
  return splitLines(fixtureBytes(relPath))
    .map((l) => l.toString('utf8').trim())
    .filter((l) => l.length > 0)
    .map((l) => {
      const obj = JSON.parse(l) as Record<string, unknown>;
      const [type, payload] = Object.entries(obj)[0] ?? ['unknown', {}];
      return encodeEventStreamMessage(
        { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
        Buffer.from(JSON.stringify(payload)),
      );
    });
}

export interface FixtureReplyOptions {
  /** Default: the manifest's status for the file (e.g. 429), else 200. */
  status?: number;
  /** Merged over the defaults (content-type ...). */
  headers?: Record<string, string | string[]>;
  chunkDelayMs?: number;
  encoding?: Encoding;
  fault?: Fault;
  /** Serve a stream fixture as one body (content-length) instead of chunks. */
  whole?: boolean;
  /** Bedrock `.events.jsonl`: binary AWS event-stream frames (default) or the raw JSON lines as NDJSON. */
  eventStream?: 'binary' | 'ndjson';
}

/** Build a fake-provider Reply from a fixture file (not for `.exchange.json`: see exchangeReplies). */
export function fixtureReply(relPath: string, opts: FixtureReplyOptions = {}): Reply {
  const format = formatOf(relPath);
  if (format === 'exchange') throw new Error(`fixtureReply: ${relPath} is an exchange; use exchangeReplies()`);
  const entry = manifest().find((e) => e.file === relPath);
  const bytes = fixtureBytes(relPath);
  let contentType = 'application/json';
  let chunks: Buffer[] | undefined;
  if (format === 'sse') {
    contentType = 'text/event-stream';
    chunks = splitSseEvents(bytes);
  } else if (format === 'ndjson') {
    contentType = 'application/x-ndjson';
    chunks = splitLines(bytes);
  } else if (format === 'json-array-stream') {
    chunks = splitJsonArrayStream(bytes);
  } else if (format === 'events-jsonl') {
    if (opts.eventStream === 'ndjson') {
      contentType = 'application/x-ndjson';
      chunks = splitLines(bytes);
    } else {
      contentType = 'application/vnd.amazon.eventstream';
      chunks = bedrockEventStreamChunks(relPath);
    }
  } else if (entry?.request.raw.includes('content-type text/event-stream')) {
    contentType = 'text/event-stream';
  }
  const headers: Record<string, string | string[]> = { 'content-type': contentType, ...(opts.headers ?? {}) };
  if (format === 'sse') headers['cache-control'] ??= 'no-cache';
  const reply: Reply = { status: opts.status ?? entry?.request.status ?? 200, headers };
  if (chunks && !opts.whole) reply.chunks = chunks;
  else reply.body = chunks ? Buffer.concat(chunks) : bytes;
  if (opts.chunkDelayMs !== undefined) reply.chunkDelayMs = opts.chunkDelayMs;
  if (opts.encoding) reply.encoding = opts.encoding;
  if (opts.fault) reply.fault = opts.fault;
  return reply;
}

export interface ExchangeStep {
  request: { method: string; url: string; body: unknown };
  reply: Reply;
}

/** The ordered request/reply pairs of an `.exchange.json` fixture (bodies re-serialized as JSON). */
export function exchangeReplies(relPath: string): ExchangeStep[] {
  type Raw = { request: ExchangeStep['request']; response: { status: number; headers: Record<string, string>; body: unknown } };
  const raw = JSON.parse(fixtureBytes(relPath).toString('utf8')) as Raw[];
  return raw.map((x) => ({
    request: x.request,
    reply: {
      status: x.response.status,
      headers: { 'content-type': 'application/json', ...x.response.headers },
      body: typeof x.response.body === 'string' ? x.response.body : JSON.stringify(x.response.body),
    },
  }));
}

export { providerRoutesForAllFixtures, FIXTURE_HEADER } from './fixture-routes.js';
export type { FixtureCase, FixtureRequest } from './fixture-routes.js';
