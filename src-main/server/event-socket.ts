import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InspectorService } from '../service/index.js';
import { EventBatcher, type EventSink } from './event-batcher.js';
import type { RequestGuard } from './request-guard.js';

/** Live events over WebSocket at /api/events, batched by the EventBatcher. */
export class EventSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<WebSocket>();
  private readonly batcher = new EventBatcher(() => this.sinks());
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
    if (!this.unsubscribe) this.unsubscribe = this.service.events.onAny((e) => this.batcher.queue(e));
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

  private *sinks(): Iterable<EventSink> {
    for (const ws of this.clients) {
      yield { open: ws.readyState === ws.OPEN, backlogBytes: ws.bufferedAmount, send: (m: string) => ws.send(m) };
    }
  }

  close(): void {
    this.batcher.close();
    this.unsubscribe?.();
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
  }
}
