import { performance } from 'node:perf_hooks';
import type { ExchangeError, ExchangeState, HeaderPairs } from '../contract/index.js';
import type { BeginOp, CapturedSide } from '../ingest/index.js';
import { BodyTee } from './body-tee.js';
import { LiveReply } from './live-reply.js';
import type { CaptureSink, InFlightExchange, InFlightView } from './capture-sink.js';

/** What the proxy knows when a request arrives; the recorder adds the id and start time. */
export type RecorderInit = Omit<BeginOp, 'op' | 'id' | 'startedAt'>;

const STREAM_TYPES = /text\/event-stream|application\/x-ndjson|application\/jsonl|application\/vnd\.amazon\.eventstream/i;

function headerValue(pairs: HeaderPairs, name: string): string | null {
  for (const [k, v] of pairs) if (k.toLowerCase() === name) return v;
  return null;
}

/**
 * Follows one exchange through its states (pending → streaming → complete / aborted / error), keeping timings and a
 * capped copy of both bodies. The first terminal call wins; later ones (a library reporting the same failure twice, a
 * close after an error) are ignored.
 */
export class ExchangeRecorder implements InFlightExchange {
  readonly begin: BeginOp;
  private readonly t0 = performance.now();
  private readonly req: BodyTee;
  private readonly res: BodyTee;
  private state: ExchangeState = 'pending';
  private status: number | null = null;
  private ttfbMs: number | null = null;
  private responseHeaders: HeaderPairs = [];
  private contentType: string | null = null;
  private stream = false;
  private live: LiveReply | null = null;
  /** someone asked to see this reply grow (set before the response started, or by watchReply) */
  private replyWanted = false;

  constructor(
    private readonly sink: CaptureSink,
    init: RecorderInit,
    maxBodyBytes: number,
  ) {
    this.req = new BodyTee(maxBodyBytes);
    this.res = new BodyTee(maxBodyBytes, true);
    // Fields spelled out, here and in end(): object spread and rest took most of a recorder's time on the forwarding
    // path (V8 copies them through a generic runtime call); this is one shape, built once.
    this.begin = {
      op: 'begin',
      id: sink.nextId(),
      startedAt: Date.now(),
      mode: init.mode,
      method: init.method,
      url: init.url,
      host: init.host,
      path: init.path,
      requestHeaders: init.requestHeaders,
    };
    sink.begin(this.begin, this);
  }

  get id(): number {
    return this.begin.id;
  }

  get finished(): boolean {
    return this.state === 'complete' || this.state === 'aborted' || this.state === 'error';
  }

  requestData(chunk: Buffer): void {
    this.req.push(chunk);
  }

  responseStarted(status: number, headers: HeaderPairs): void {
    if (this.finished) return;
    this.status = status;
    this.ttfbMs = performance.now() - this.t0;
    this.responseHeaders = headers;
    this.contentType = headerValue(headers, 'content-type');
    this.stream = this.contentType !== null && STREAM_TYPES.test(this.contentType);
    this.state = 'streaming';
    this.sink.update(this.begin, this.liveUpdate());
    if (this.stream) this.live = this.startLive(this.replyWanted);
  }

  private startLive(force: boolean): LiveReply | null {
    const b = this.begin;
    return LiveReply.start(
      this.sink,
      b.id,
      { method: b.method, host: b.host, path: b.path, requestHeaders: b.requestHeaders, requestBody: this.req.peek() },
      this.status ?? 0,
      this.contentType,
      headerValue(this.responseHeaders, 'content-encoding'),
      force,
    );
  }

  // ---- InFlightExchange: read on demand by the service, never on the forwarding path ----

  inspect(): InFlightView {
    return {
      live: this.liveUpdate(),
      request: this.peekSide(this.req, this.begin.requestHeaders),
      response: this.peekSide(this.res, this.responseHeaders),
      reply: this.live?.current() ?? null,
    };
  }

  watchReply(): void {
    this.replyWanted = true;
    if (this.live !== null || this.finished || this.state !== 'streaming' || !this.stream) return;
    // bytes past the cap were dropped: a parse resumed after them would have a hole
    if (this.res.truncated) return;
    this.live = this.startLive(true);
    const sofar = this.res.peek();
    if (this.live !== null && sofar !== null) this.live.replay(sofar, this.res.times);
  }

  responseData(chunk: Buffer): void {
    const at = performance.now() - this.t0;
    this.res.push(chunk, at);
    this.live?.push(chunk, at);
  }

  complete(): void {
    this.end('complete', null);
  }

  /** `statusSent` is what the client got instead (the inspector's own 502/504), when no upstream response came. */
  fail(state: 'aborted' | 'error', error: ExchangeError, statusSent?: number): void {
    if (this.status === null && statusSent !== undefined) this.status = statusSent;
    this.end(state, error);
  }

  private liveUpdate() {
    return {
      state: this.state,
      status: this.status,
      ttfbMs: this.ttfbMs,
      requestBytes: this.req.bytes,
      responseBytes: this.res.bytes,
      contentType: this.contentType,
      stream: this.stream,
    };
  }

  private peekSide(tee: BodyTee, headers: HeaderPairs): CapturedSide {
    return {
      headers,
      raw: this.finished ? null : tee.peek(),
      bytes: tee.bytes,
      truncated: tee.truncated,
      contentEncoding: headerValue(headers, 'content-encoding'),
      contentType: headerValue(headers, 'content-type'),
      chunkTimes: tee.times === null ? null : tee.times.slice(),
    };
  }

  private side(tee: BodyTee, headers: HeaderPairs): CapturedSide {
    return {
      headers,
      raw: tee.take(),
      bytes: tee.bytes,
      truncated: tee.truncated,
      contentEncoding: headerValue(headers, 'content-encoding'),
      contentType: headerValue(headers, 'content-type'),
      chunkTimes: tee.times,
    };
  }

  private end(state: 'complete' | 'aborted' | 'error', error: ExchangeError | null): void {
    if (this.finished) return;
    this.state = state;
    this.live?.end();
    this.live = null;
    const b = this.begin;
    this.sink.finish({
      op: 'finish',
      id: b.id,
      startedAt: b.startedAt,
      mode: b.mode,
      method: b.method,
      url: b.url,
      host: b.host,
      path: b.path,
      status: this.status,
      state,
      error,
      ttfbMs: this.ttfbMs,
      totalMs: performance.now() - this.t0,
      stream: this.stream,
      request: this.side(this.req, b.requestHeaders),
      response: this.side(this.res, this.responseHeaders),
    });
  }
}
