import type http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { ExchangeRecorder, type CaptureSink } from '../capture/index.js';
import type { Logger } from '../log/index.js';
import type { ProxySettings } from './proxy-settings.js';
import { classifyUpstreamError } from './upstream-errors.js';

export interface TunnelInput {
  req: http.IncomingMessage;
  socket: Duplex;
  head: Buffer;
  host: string;
  port: number;
  settings: ProxySettings;
  sink: CaptureSink;
  log: Logger;
}

/**
 * A CONNECT to a host we do not decrypt: bytes are piped untouched both ways and only counted, so the timeline still
 * shows that the program talked to that host, how much and for how long.
 */
export function openBlindTunnel({ req, socket, head, host, port, settings, sink, log }: TunnelInput): void {
  const rec = settings.captureEnabled && settings.recordTunnels
    ? new ExchangeRecorder(
        sink,
        { mode: 'tunnel', method: 'CONNECT', url: `${host}:${port}`, host, path: '', requestHeaders: settings.redactor.headers(req.rawHeaders) },
        0,
      )
    : null;
  const target = settings.connectTarget(host, port);
  const upstream = net.connect({ host: target.host, port: target.port });
  upstream.setNoDelay(true);
  let connected = false;

  upstream.once('connect', () => {
    connected = true;
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    rec?.responseStarted(200, []);
    if (head.length) {
      rec?.requestData(head);
      upstream.write(head);
    }
    if (rec) {
      socket.on('data', (c: Buffer) => rec.requestData(c));
      upstream.on('data', (c: Buffer) => rec.responseData(c));
    }
    socket.pipe(upstream);
    upstream.pipe(socket);
  });

  upstream.once('error', (err) => {
    const c = classifyUpstreamError(err, host);
    if (!connected) {
      const body = JSON.stringify({ error: { type: c.code, message: c.message, hint: c.hint, source: 'llm-inspector' } });
      socket.end(
        `HTTP/1.1 ${c.status} ${c.status === 504 ? 'Gateway Timeout' : 'Bad Gateway'}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nx-llm-inspector-error: ${c.code}\r\nconnection: close\r\n\r\n${body}`,
      );
      rec?.fail('error', { code: c.code, message: c.message }, c.status);
    } else {
      rec?.fail('error', { code: c.code, message: c.message });
      socket.destroy();
    }
    log.debug(`tunnel ${host}:${port}: ${c.message}`);
  });
  socket.on('error', () => upstream.destroy());
  socket.once('close', () => {
    upstream.destroy();
    rec?.complete();
  });
  upstream.once('close', () => socket.destroy());
}
