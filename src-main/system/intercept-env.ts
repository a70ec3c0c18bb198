import { fileURLToPath, pathToFileURL } from 'node:url';

export interface InterceptContext {
  proxyUrl: string;
  /** The inspector CA alone: NODE_EXTRA_CA_CERTS *adds* to Node's roots, so the CA alone is right there. */
  caPath: string;
  /** System roots + inspector CA: the other variables *replace* a tool's trust store (see core/client-trust-bundle). */
  bundlePath: string;
  /** Absolute path of the compiled proxy preload (proxy-preload.js). */
  preloadPath: string;
  /** Also send localhost traffic through the proxy (off by default: local dev servers would loop through it). */
  proxyLocalhost?: boolean;
}

const LOCAL = 'localhost,127.0.0.1,::1';

/**
 * A file of the app as another process can read it. Inside a packaged Electron app our files sit in `app.asar`, which
 * only Electron's own fs can open; the intercepted child is a plain Node (or Python…) process, so it gets the copy that
 * electron-builder.yml unpacks beside the archive.
 */
export function outsideAsar(path: string): string {
  return path.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}

/** The compiled proxy preload an intercepted Node child loads with `--import`. */
export function proxyPreloadPath(): string {
  return outsideAsar(fileURLToPath(new URL('./proxy-preload.js', import.meta.url)));
}

/**
 * The environment for one intercepted child: the parent's variables plus everything that points common HTTP stacks
 * (Node, Python requests/httpx, curl, git, OpenSSL) at the proxy and its CA. Pure, so it is tested as data.
 */
export function interceptedEnv(base: NodeJS.ProcessEnv, ctx: InterceptContext): NodeJS.ProcessEnv {
  const noProxy = ctx.proxyLocalhost ? '' : LOCAL;
  // NODE_OPTIONS is parsed by Node like a command line: a quoted file URL survives spaces in the path.
  const importFlag = `--import="${pathToFileURL(ctx.preloadPath).href}"`;
  const nodeOptions = [base.NODE_OPTIONS?.trim(), importFlag].filter((s): s is string => !!s).join(' ');
  return {
    ...base,
    HTTPS_PROXY: ctx.proxyUrl,
    HTTP_PROXY: ctx.proxyUrl,
    https_proxy: ctx.proxyUrl,
    http_proxy: ctx.proxyUrl,
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    NODE_EXTRA_CA_CERTS: ctx.caPath,
    SSL_CERT_FILE: ctx.bundlePath,
    REQUESTS_CA_BUNDLE: ctx.bundlePath,
    CURL_CA_BUNDLE: ctx.bundlePath,
    GIT_SSL_CAINFO: ctx.bundlePath,
    // Node >= 22.21 / 24.5 honour the proxy variables natively with this; older ones get the preload below.
    NODE_USE_ENV_PROXY: '1',
    NODE_OPTIONS: nodeOptions,
    LLM_INSPECTOR_PROXY: ctx.proxyUrl,
  };
}

/** Whether this Node version routes fetch and http(s) through the proxy variables by itself (NODE_USE_ENV_PROXY=1). */
export function nodeHonoursEnvProxy(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major >= 25) return true;
  if (major === 24) return minor >= 5;
  if (major === 22) return minor >= 21;
  return false;
}
