import type http from 'node:http';

export interface JsonErrorBody {
  type: string;
  message: string;
  hint?: string;
  [extra: string]: unknown;
}

/**
 * The inspector's own answers on the proxy port (upstream failures, unknown routes) are JSON in the shape most LLM SDKs
 * already print (`{"error": {"type", "message"}}`), marked with a header so nobody mistakes them for the provider's.
 */
export function sendJsonError(res: http.ServerResponse, status: number, body: JsonErrorBody): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = JSON.stringify({ error: { ...body, source: 'llm-inspector' } });
  if (!res.headersSent) {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'x-llm-inspector-error': body.type,
    });
  }
  res.end(payload);
}
