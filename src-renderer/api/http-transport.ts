import {
  ServiceCommands,
  type CommandInput,
  type CommandOutput,
  type ServiceCommandName,
  type ServiceEvent,
} from '../../src-main/contract/index.js';
import { parseEventBatch } from './event-batch.js';
import { ApiError, checkOutput, type ConnectionState, type InspectorClient } from './inspector-client.js';
import { Listeners } from './listeners.js';

/** Builds the REST request for a command from the contract's route table. Exported for tests. */
export function restRequest(command: ServiceCommandName, input: Record<string, unknown>): { method: string; path: string; body: string | null } {
  const { method, path } = ServiceCommands[command].http;
  const rest: Record<string, unknown> = { ...input };
  const filled = path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const v = rest[name];
    delete rest[name];
    return encodeURIComponent(String(v));
  });
  if (method !== 'GET') return { method, path: filled, body: JSON.stringify(rest) };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const q = qs.toString();
  return { method, path: q ? `${filled}?${q}` : filled, body: null };
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 5000;

/** REST for commands, one WebSocket for events (reconnecting with backoff). Auth rides on the cookie `serve` set. */
export class HttpClient implements InspectorClient {
  private readonly events = new Listeners<ServiceEvent[]>();
  private readonly states = new Listeners<ConnectionState>();
  private ws: WebSocket | null = null;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  connection: ConnectionState = 'connecting';

  constructor(private readonly origin: string) {
    this.connect();
  }

  async call<C extends ServiceCommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
    const req = restRequest(command, input as Record<string, unknown>);
    let res: Response;
    try {
      res = await fetch(this.origin + req.path, {
        method: req.method,
        credentials: 'same-origin',
        headers: req.body === null ? {} : { 'content-type': 'application/json' },
        body: req.body,
      });
    } catch (err) {
      throw new ApiError(0, 'unreachable', `The inspector is not answering (${(err as Error).message}). Is it still running?`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(res.status, 'bad_response', `The inspector answered ${res.status} with something that is not JSON.`);
    }
    if (!res.ok) {
      const e = (json as { error?: { type?: string; message?: string; details?: unknown } } | null)?.error;
      throw new ApiError(res.status, e?.type ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details);
    }
    return checkOutput(command, json, res.status);
  }

  subscribe(listener: (events: ServiceEvent[]) => void): () => void {
    return this.events.add(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  resourceUrl(path: string): string {
    return this.origin + path;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.ws?.close();
  }

  private setState(state: ConnectionState): void {
    if (state === this.connection) return;
    this.connection = state;
    this.states.emit(state);
  }

  private connect(): void {
    if (this.closed) return;
    const wsUrl = this.origin.replace(/^http/, 'ws') + '/api/events';
    const ws = new WebSocket(wsUrl);
    this.ws = ws;
    this.setState('connecting');
    ws.onopen = () => {
      this.retryMs = RECONNECT_MIN_MS;
      this.setState('open');
    };
    ws.onmessage = (m) => {
      if (typeof m.data !== 'string') return;
      const batch = parseEventBatch(m.data);
      if (batch.length) this.events.emit(batch);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.setState('closed');
      if (this.closed) return;
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(RECONNECT_MAX_MS, this.retryMs * 2);
    };
  }
}
