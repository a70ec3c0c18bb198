// The proxy answers one host itself, like mitmproxy's mitm.it: a device or program behind the proxy can fetch the CA
// from it, and the self-test (or a person) can tell whether traffic is really going through the inspector. The name is
// in the reserved .test TLD, so it never resolves anywhere else; the proxy never resolves or connects for it.
import type http from 'node:http';
import type { ExchangeRecorder } from '../capture/index.js';

/** The magic host: always intercepted through CONNECT, answered through plain-HTTP forwarding and routes too. */
export const SELF_HOST = 'llm-inspector.test';

export function isSelfHost(host: string): boolean {
  return host.toLowerCase().replace(/\.$/, '') === SELF_HOST;
}

/** The CA exports the page offers. */
export interface SelfHostCa {
  exportPem(): string;
  exportDer(): Buffer;
}

export interface SelfAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>LLM Inspector</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}a{display:block;margin:.3rem 0}</style>
</head>
<body>
<h1>Traffic is going through LLM Inspector</h1>
<p>This page was answered by the inspector itself (over __SCHEME__). To inspect HTTPS, install and trust its CA certificate:</p>
<a href="/ca.pem" download="llm-inspector-ca.pem">CA certificate (PEM): Linux, macOS, Node, Python</a>
<a href="/ca.crt" download="llm-inspector-ca.crt">CA certificate (.crt): Windows, Android</a>
<a href="/ca.der" download="llm-inspector-ca.der">CA certificate (DER): iOS, Java</a>
</body>
</html>
`;

const SECURITY = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** What the magic host answers for a request line. Pure, so it is the same over every way in. */
export function selfHostAnswer(method: string, pathWithQuery: string, scheme: 'http' | 'https', ca: SelfHostCa): SelfAnswer {
  const path = pathWithQuery.split('?')[0] ?? '/';
  const json = (status: number, value: unknown): SelfAnswer => ({
    status,
    headers: { ...SECURITY, 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(value)),
  });
  if (method !== 'GET' && method !== 'HEAD') {
    return json(405, { error: { type: 'method_not_allowed', message: `${SELF_HOST} answers GET only.` } });
  }
  const download = (body: Buffer, type: string, ext: string): SelfAnswer => ({
    status: 200,
    headers: { ...SECURITY, 'content-type': type, 'content-disposition': `attachment; filename="llm-inspector-ca.${ext}"` },
    body,
  });
  switch (path) {
    case '/':
      return {
        status: 200,
        headers: { ...SECURITY, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
        body: Buffer.from(PAGE.replace('__SCHEME__', scheme.toUpperCase())),
      };
    case '/ping':
      return json(200, { intercepted: true, scheme });
    case '/ca.pem':
      return download(Buffer.from(ca.exportPem()), 'application/x-pem-file', 'pem');
    case '/ca.crt':
      return download(Buffer.from(ca.exportPem()), 'application/x-x509-ca-cert', 'crt');
    case '/ca.der':
      return download(ca.exportDer(), 'application/x-x509-ca-cert', 'der');
    default:
      return json(404, { error: { type: 'not_found', message: `${SELF_HOST} has /, /ping, /ca.pem, /ca.crt and /ca.der.` } });
  }
}

/**
 * Answers a request for the magic host on the proxy's own connection, recording it like any exchange. The request body
 * (if a client sends one) is read first, so the recorded exchange is whole.
 */
export function respondAsSelfHost(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  scheme: 'http' | 'https',
  ca: SelfHostCa,
  rec: ExchangeRecorder | null,
): void {
  req.on('data', (chunk: Buffer) => rec?.requestData(chunk));
  req.once('end', () => {
    const method = req.method ?? 'GET';
    const a = selfHostAnswer(method, path, scheme, ca);
    const headers = { ...a.headers, 'content-length': String(a.body.length) };
    const body = method === 'HEAD' ? Buffer.alloc(0) : a.body;
    rec?.responseStarted(a.status, Object.entries(headers));
    if (body.length > 0) rec?.responseData(body);
    res.once('finish', () => rec?.complete());
    res.once('close', () => {
      if (!res.writableFinished) rec?.fail('aborted', { code: 'client_aborted', message: 'The client closed the connection before the response ended' });
    });
    res.writeHead(a.status, headers);
    res.end(body);
  });
  req.resume();
}
