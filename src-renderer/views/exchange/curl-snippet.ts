import type { HeaderPairs } from '../../../src-main/contract/index.js';
import { authScheme, headerEnvVar, isKeyParam, isSecretHeader, apiKeyEnvVar } from './secrets.js';

export interface CurlInput {
  method: string;
  url: string;
  headers: HeaderPairs;
  body: string | null;
  bodyEncoding: 'utf8' | 'base64';
  provider: string | null;
  stream: boolean;
}

/** Headers curl sets itself or that describe the old connection rather than the request. */
const SKIP_HEADERS = new Set([
  'host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'te', 'upgrade', 'accept-encoding',
]);

/** Wraps a value in single quotes, the one shell quoting with no expansions. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Double quotes with every expansion escaped except the `$VAR` references we put in on purpose. */
function shellDoubleQuoteWithVars(parts: Array<{ text: string } | { env: string }>): string {
  const body = parts.map((p) => ('env' in p ? `$${p.env}` : p.text.replace(/(["\\$`])/g, '\\$1'))).join('');
  return `"${body}"`;
}

/** The URL with key-carrying query parameters swapped for an environment variable. */
function urlArg(url: string, provider: string | null): string {
  const q = url.indexOf('?');
  if (q === -1) return shellQuote(url);
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash === -1 ? undefined : hash);
  const parts: Array<{ text: string } | { env: string }> = [{ text: url.slice(0, q + 1) }];
  let secret = false;
  query.split('&').forEach((pair, i) => {
    if (i > 0) parts.push({ text: '&' });
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    let value = eq === -1 ? '' : pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw text when it is not valid percent-encoding
    }
    if (eq !== -1 && isKeyParam(name, value)) {
      secret = true;
      parts.push({ text: `${name}=` }, { env: apiKeyEnvVar(provider) });
    } else parts.push({ text: pair });
  });
  if (hash !== -1) parts.push({ text: url.slice(hash) });
  return secret ? shellDoubleQuoteWithVars(parts) : shellQuote(url);
}

function headerArg(name: string, value: string, provider: string | null): string {
  if (!isSecretHeader(name, value)) return shellQuote(`${name}: ${value}`);
  const scheme = authScheme(value);
  return shellDoubleQuoteWithVars([{ text: `${name}: ${scheme ? `${scheme} ` : ''}` }, { env: headerEnvVar(name, provider) }]);
}

/**
 * The request as a curl command a person can paste into a shell: wire header order and case, secrets from environment
 * variables, the body verbatim. A binary body is referenced as a file the user downloads from the inspector.
 */
export function curlCommand(input: CurlInput): string {
  const args: string[] = [urlArg(input.url, input.provider)];
  const method = input.method.toUpperCase();
  const hasBody = input.body !== null && input.body.length > 0;
  if (!(method === 'GET' && !hasBody) && !(method === 'POST' && hasBody)) args.push(`-X ${method}`);
  let compressed = false;
  for (const [name, value] of input.headers) {
    const lower = name.toLowerCase();
    if (lower === 'accept-encoding') compressed = /gzip|deflate|br|zstd/i.test(value);
    if (SKIP_HEADERS.has(lower) || name.startsWith(':')) continue;
    args.push(`-H ${headerArg(name, value, input.provider)}`);
  }
  if (compressed) args.push('--compressed');
  if (input.stream) args.push('-N');
  let preface = '';
  if (hasBody && input.body !== null) {
    if (input.bodyEncoding === 'base64') {
      preface = '# the request body is binary: download it from the inspector (Request tab) as request.bin\n';
      args.push('--data-binary @request.bin');
    } else args.push(`--data-raw ${shellQuote(input.body)}`);
  }
  return `${preface}curl ${args.join(' \\\n  ')}`;
}
