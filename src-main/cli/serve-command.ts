import { z } from 'zod';
import { startInspector, VERSION } from '../core/index.js';
import { createLogger } from '../log/index.js';
import { startApiServer } from '../server/index.js';
import { join } from 'node:path';
import { CliError } from './cli-error.js';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.js';

const portFlag = z.coerce.number().int().min(0).max(65535);

export const ServeFlagsSchema = z.object({
  proxyPort: portFlag.optional(),
  uiPort: portFlag.optional(),
  db: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type ServeFlags = z.infer<typeof ServeFlagsSchema>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/** `llm-inspector serve`: the core plus the headless HTTP/WebSocket shell, until SIGINT/SIGTERM. */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const overrides = {
    ...(flags.proxyPort !== undefined ? { proxy: { port: flags.proxyPort } } : {}),
    ...(flags.uiPort !== undefined ? { ui: { port: flags.uiPort } } : {}),
  };
  const inspector = await startInspector({
    dataDir: flags.dataDir ?? null,
    dbPath: flags.db ?? null,
    configPath: flags.config ?? null,
    overrides,
  }).catch((err: unknown) => {
    throw new CliError(`cannot start: ${(err as Error).message}`);
  });
  const log = createLogger({ file: join(inspector.layout.logDir, 'inspector.log'), consoleLevel: flags.logLevel });
  const cfg = inspector.config.get();
  if (!LOOPBACK.test(cfg.proxy.host) || !LOOPBACK.test(cfg.ui.host)) {
    await inspector.close();
    throw new CliError('binding the proxy or UI beyond this machine needs credentials this version does not support; keep proxy.host and ui.host on 127.0.0.1');
  }
  const api = await startApiServer({ service: inspector.service, ca: inspector.ca, log }, { host: cfg.ui.host, port: cfg.ui.port });
  inspector.setUiUrl(api.url);
  writeRuntimeFile(inspector.layout.root, { pid: process.pid, proxyUrl: inspector.proxyUrl, uiUrl: api.openUrl, caPath: inspector.ca.certPath });

  // Handlers go in before the banner: whoever reads the banner may signal us at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping (finishing writes)…`);
    await api.close();
    await inspector.close();
    removeRuntimeFile(inspector.layout.root);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const out = process.stdout;
  out.write(
    [
      `LLM Inspector ${VERSION}`,
      `  proxy  ${inspector.proxyUrl}   (HTTPS_PROXY, or base URLs such as ${inspector.proxyUrl}/openai/v1)`,
      `  ui     ${api.openUrl}`,
      `  data   ${inspector.layout.root}`,
      `  ca     ${inspector.ca.certPath}   ${inspector.bundlePath === null ? '(the trust bundle for SSL_CERT_FILE could not be written: see the log)' : `(trust bundle for SSL_CERT_FILE: ${inspector.bundlePath})`}`,
      `Route a terminal through it:  eval "$(llm-inspector env)"`,
      '',
    ].join('\n'),
  );
  inspector.service.events.on('capture.status', (s) => {
    if (s.paused) log.warn(`capture paused: ${s.reason ?? ''}`);
  });
}
