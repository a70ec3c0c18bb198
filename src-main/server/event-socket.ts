import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServiceEvent } from '../contract/index.js';
import type { InspectorService } from '../service/index.js';
import type { RequestGuard } from './request-guard.js';

const FLUSH_MS = 50;
/** beyond this much unsent data a slow client gets no more progress updates, only starts and finishes */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

/**
 * Live events over WebSocket at /api/events. Events are batched per 50 ms into one message `{events:[…]}` so a burst of
 * thousands of exchanges costs a few frames, not thousands.
 */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<WebSocket>();
  private pending: ServiceEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly service: InspectorService,
    private readonly guard: RequestGuard,
  ) {}

  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const verdict = url.pathname === '/api/events' ? this.guard.check(req, url) : { ok: false as const, status: 404 as const, type: 'not_found', message: 'no such socket' };
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? 'Unauthorized' : verdict.status === 403 ? 'Forbidden' : 'Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.add(ws));
  }

  private add(ws: WebSocket): void {
    this.clients.add(ws);
    if (!this.unsubscribe) this.unsubscribe = this.service.events.onAny((e) => this.queue(e));
    ws.send(JSON.stringify({ events: [{ event: 'capture.status', data: this.service.capture }] }));
    ws.on('close', () => {
      this.clients.delete(ws);
      if (this.clients.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
      }
    });
    ws.on('error', () => ws.terminate());
  }

  private queue(e: ServiceEvent): void {
    this.pending.push(e);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const full = JSON.stringify({ events: batch });
    let lean: string | null = null;
    for (const ws of this.clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > SLOW_CLIENT_BYTES) {
        lean ??= JSON.stringify({ events: batch.filter((e) => e.event !== 'exchange.updated'), dropped: 'exchange.updated' });
        ws.send(lean);
      } else ws.send(full);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
  }
}
