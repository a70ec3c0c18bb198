import { clientBundlePath, clientProxyUrl } from './ca-facts.js';
import { envLine, envRef, quoteArg, type ShellKind } from './shell-quote.js';

export interface SnippetContext {
  /** `runtime.info().proxyUrl` */
  proxyUrl: string;
  /** `ca.info().certPath` */
  certPath: string;
  shell: ShellKind;
}

export type SnippetName = 'node' | 'python' | 'curl' | 'base-urls';

export interface Snippet {
  name: SnippetName;
  title: string;
  /** why these lines, in one or two sentences */
  note: string;
  code: string;
}

/** The host the proxy answers itself, so a program can check its setup without calling a provider. */
export const PING_URL = 'https://llm-inspector.test/ping';

/** The base-URL routes of the default config: no proxy and no CA needed, the inspector calls the provider over HTTPS. */
export function baseUrlVars(proxyUrl: string): [string, string][] {
  const p = clientProxyUrl(proxyUrl);
  return [
    ['OPENAI_BASE_URL', `${p}/openai/v1`],
    ['ANTHROPIC_BASE_URL', `${p}/anthropic`],
    ['GOOGLE_GEMINI_BASE_URL', `${p}/gemini`],
    ['OLLAMA_HOST', `${p}/ollama`],
  ];
}

function curlCommand(shell: ShellKind): string {
  // Windows PowerShell 5 aliases `curl` to Invoke-WebRequest, which takes none of these flags.
  return shell === 'powershell' ? 'curl.exe' : 'curl';
}

/** `curl -x <proxy> --cacert <ca> https://llm-inspector.test/ping`: the one line that proves a machine's setup. */
export function pingCommand(ctx: SnippetContext): string {
  const proxy = clientProxyUrl(ctx.proxyUrl);
  return `${curlCommand(ctx.shell)} -x ${quoteArg(ctx.shell, proxy)} --cacert ${quoteArg(ctx.shell, ctx.certPath)} ${PING_URL}`;
}

/**
 * Copy-paste setups for the common clients, in the chosen shell's syntax. Without the CA's path (it could not be read)
 * only the base-URL routes, which need no CA, are offered.
 */
export function buildSnippets(ctx: Omit<SnippetContext, 'certPath'> & { certPath: string | null }): Snippet[] {
  const { shell, certPath } = ctx;
  const baseUrls: Snippet = {
    name: 'base-urls',
    title: 'Base URLs (no proxy, no CA)',
    note:
      'The SDKs send plain HTTP to the inspector, which calls the provider over HTTPS. Gemini: google-genai reads ' +
      'GOOGLE_GEMINI_BASE_URL (or pass http_options base_url); Ollama clients read OLLAMA_HOST.',
    code: baseUrlVars(ctx.proxyUrl)
      .map(([k, v]) => envLine(shell, k, v))
      .join('\n'),
  };
  if (certPath === null) return [baseUrls];
  const proxy = clientProxyUrl(ctx.proxyUrl);
  const bundle = clientBundlePath(certPath);
  const trustFile = bundle ?? certPath;
  const lines = (...l: string[]) => l.join('\n');
  return [
    {
      name: 'node',
      title: 'Node.js (openai, @anthropic-ai/sdk, fetch)',
      note:
        'NODE_EXTRA_CA_CERTS adds the inspector CA to Node’s roots (the others keep working). NODE_USE_ENV_PROXY makes ' +
        'Node’s own fetch and https honour HTTPS_PROXY (Node 24, or 22.21 and later).',
      code: lines(
        envLine(shell, 'HTTPS_PROXY', proxy),
        envLine(shell, 'NODE_EXTRA_CA_CERTS', certPath),
        envLine(shell, 'NODE_USE_ENV_PROXY', '1'),
        'node app.js',
      ),
    },
    {
      name: 'python',
      title: 'Python (requests, httpx, openai, anthropic)',
      note: bundle
        ? 'These variables replace Python’s roots, so they point at the trust bundle the inspector writes beside its CA ' +
          '(the system roots plus the inspector CA), not at the CA alone. requests reads REQUESTS_CA_BUNDLE; httpx and the ' +
          'SDKs built on it read SSL_CERT_FILE.'
        : 'requests reads REQUESTS_CA_BUNDLE; httpx and the SDKs built on it read SSL_CERT_FILE. Both replace Python’s roots: ' +
          'hosts the inspector does not decrypt need a bundle of the system roots plus this CA.',
      code: lines(
        envLine(shell, 'HTTPS_PROXY', proxy),
        envLine(shell, 'REQUESTS_CA_BUNDLE', trustFile),
        envLine(shell, 'SSL_CERT_FILE', trustFile),
        'python app.py',
      ),
    },
    {
      name: 'curl',
      title: 'curl',
      note: '-x sends the request through the proxy; --cacert trusts the inspector CA for this call only.',
      code:
        `${curlCommand(shell)} -x ${quoteArg(shell, proxy)} --cacert ${quoteArg(shell, certPath)} ` +
        `https://api.openai.com/v1/models -H "Authorization: Bearer ${envRef(shell, 'OPENAI_API_KEY')}"`,
    },
    baseUrls,
  ];
}
