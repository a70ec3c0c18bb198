import { join } from 'node:path';
import type { AnalysisConfig } from '../analysis/index.js';
import {
  buildUpstreamCaList,
  LeafCertificates,
  loadOrCreateCa,
  probeCaTrust,
  trustBundleFiles,
  type CertificateAuthority,
} from '../ca/index.js';
import { ReplayMarkers, SecretVault } from '../capture/index.js';
import type { Config, ConfigPatch, RuntimeInfo, SystemIntegration } from '../contract/index.js';
import { ConfigRejectedError, ConfigStore, mergeConfig, readConfigFile, resolveDataDir, type DataDirLayout } from '../config/index.js';
import { IngestClient, type IngestClientOptions } from '../ingest/index.js';
import { createLogger, type Logger } from '../log/index.js';
import { InspectorProxy, ProxySettings } from '../proxy/index.js';
import { InspectorService } from '../service/index.js';
import { DesktopIntegration } from '../system/index.js';
import { writeClientTrustBundle } from './client-trust-bundle.js';
import { VERSION } from './version.js';

export interface StartOptions {
  dataDir?: string | null;
  dbPath?: string | null;
  /** a config file to use instead of <data dir>/config.json */
  configPath?: string | null;
  /** applied over the file (CLI flags such as --proxy-port); not saved */
  overrides?: ConfigPatch;
  log?: Logger;
  /** passed to the ingest worker (tests use it to simulate a full disk) */
  ingest?: Partial<IngestClientOptions>;
  env?: NodeJS.ProcessEnv;
  /** the shell serving the UI: the Electron one can change OS settings (system proxy, CA install); default headless */
  shell?: 'headless' | 'electron';
  /**
   * The OS actions (system proxy, CA trust, terminal). Default: built for the Electron shell, none for headless. Tests
   * inject one confined to a private dconf and a temporary HOME, to drive it through the headless API server.
   */
  system?: SystemIntegration;
}

export interface Inspector {
  service: InspectorService;
  config: ConfigStore;
  ca: CertificateAuthority;
  /** the ingest worker client (store reads and writes); exposed for diagnostics and tests */
  store: IngestClient;
  layout: DataDirLayout;
  /** the client trust bundle written at start (system roots + this CA), or null when it could not be written */
  bundlePath: string | null;
  proxyPort: number;
  proxyUrl: string;
  log: Logger;
  /** the OS actions, for the tray; null in the headless shell */
  system: SystemIntegration | null;
  /** set by the shell that serves the UI, so runtime.info can report it */
  setUiUrl(url: string | null): void;
  close(): Promise<void>;
}

/**
 * Builds the whole plain-Node core: data dir, config, CA and leaf certificates, upstream trust, the ingest worker
 * (decode → providers → store), the service, and the proxy in front of them. Both shells (serve, Electron) call this.
 */
export async function startInspector(opts: StartOptions = {}): Promise<Inspector> {
  const layout = resolveDataDir(opts.dataDir, opts.dbPath);
  const log = opts.log ?? createLogger({ file: join(layout.logDir, 'inspector.log') });
  const configPath = opts.configPath ?? layout.configPath;
  const fileConfig = readConfigFile(configPath);
  const effective = opts.overrides ? mergeConfig(fileConfig, opts.overrides) : fileConfig;
  const env = opts.env ?? process.env;

  const ca = await loadOrCreateCa(layout.caDir, { log: (m) => log.warn(m) });
  const bundlePath = writeBundle(layout.caDir, ca.certPem, log);
  const leaves = await LeafCertificates.create(ca, { cacheDir: layout.leafCacheDir, log: (m) => log.info(m) });

  const trustFor = (c: Config) => buildUpstreamCaList({ extraCaFile: c.upstream.extraCaFile, env }).ca;
  // one vault for the whole run: settings are rebuilt on every config change, the secrets they redact must outlive that
  const vault = new SecretVault(1000);
  const markers = new ReplayMarkers();
  let settings = new ProxySettings(effective, trustFor(effective), vault);
  warnInsecure(effective, log);

  const store = await IngestClient.start({
    dbPath: layout.dbPath,
    retention: effective.retention,
    maxBodyBytes: effective.capture.maxBodyBytes,
    analysis: analysisOf(effective),
    ...opts.ingest,
  });

  // Overrides (CLI flags) apply to this run only; what is saved is the file's config plus changes made in the app.
  const config = new ConfigStore(effective, configPath);
  config.onChange((next) => {
    let trust: ReturnType<typeof trustFor>;
    try {
      trust = trustFor(next);
    } catch (err) {
      throw new ConfigRejectedError('upstream.extraCaFile', (err as Error).message);
    }
    const fresh = new ProxySettings(next, trust, vault);
    const old = settings;
    settings = fresh;
    // let requests in flight finish on the old agents
    setTimeout(() => old.dispose(), 60_000).unref();
    store.reconfigure({ retention: next.retention, maxBodyBytes: next.capture.maxBodyBytes, analysis: analysisOf(next) });
    warnInsecure(next, log);
  });

  let uiUrl: string | null = null;
  let proxyUrl = '';
  let proxyPort: number | null = null;
  const startedAt = Date.now();
  const shell = opts.shell ?? 'headless';
  const system: SystemIntegration | null =
    opts.system ??
    (shell === 'electron'
      ? new DesktopIntegration({ dataDir: layout.root, ca: { certPath: ca.certPath, certPem: ca.certPem }, bundlePath, proxyUrl: () => proxyUrl, env })
      : null);
  const runtime = (): RuntimeInfo => ({
    version: VERSION,
    proxyUrl,
    uiUrl,
    dataDir: layout.root,
    dbPath: layout.dbPath,
    startedAt,
    shell,
    systemIntegration: system !== null,
    versions: {
      node: process.versions.node,
      electron: process.versions['electron'] ?? null,
      chromium: process.versions['chrome'] ?? null,
      sqlite: store.sqliteVersion,
      v8: process.versions.v8,
    },
    platform: process.platform,
  });
  const service = new InspectorService(
    store,
    config,
    {
      caInfo: async () => ({ ...ca.info(), bundlePath, trust: await probeCaTrust(ca.exportDer(), { files: trustBundleFiles(env) }) }),
      runtime,
      // the proxy listens on one address; its own requests go there (a wildcard address is reached on loopback)
      proxy: () => (proxyPort === null ? null : { host: connectHost(effective.proxy.host), port: proxyPort }),
      caPem: ca.certPem,
      vault,
      markers,
      routing: () => ({ routes: settings.routes, shouldMitm: (h) => settings.shouldMitm(h) }),
      system,
    },
    log,
  );

  const proxy = new InspectorProxy({
    host: effective.proxy.host,
    port: effective.proxy.port,
    leaves,
    sink: service,
    settings: () => settings,
    log,
    ca,
    markers,
  });
  const port = await proxy.start();
  proxyPort = port;
  const shownHost = effective.proxy.host.includes(':') ? `[${effective.proxy.host}]` : effective.proxy.host;
  proxyUrl = `http://${shownHost}:${port}`;
  // Leaves for the known LLM hosts are made in the background so the first call to each is as fast as the rest.
  if (system) await recover(system, log);
  void leaves.premake(settings.mitmHosts.literalHosts()).catch((err: Error) => log.warn(`pre-making certificates: ${err.message}`));

  let closed = false;
  return {
    service,
    config,
    ca,
    store,
    layout,
    bundlePath,
    proxyPort: port,
    proxyUrl,
    log,
    system,
    setUiUrl: (u) => {
      uiUrl = u;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      leaves.stop();
      // the user's proxy settings go back before our port closes, so nothing is ever pointed at a dead port
      if (system) await system.restoreOnQuit().catch((err: Error) => log.warn(`restoring the system proxy: ${err.message}`));
      await proxy.stop();
      await store.close();
      settings.dispose();
    },
  };
}

/**
 * SSL_CERT_FILE and friends name the bundle in every shell (`llm-inspector env`, the Setup view's snippets), so it is
 * (re)written at each start, with this run's CA. A failure (read-only data dir) costs only the bundle.
 */
function writeBundle(caDir: string, caPem: string, log: Logger): string | null {
  try {
    return writeClientTrustBundle(caDir, caPem);
  } catch (err) {
    log.warn(`cannot write the client trust bundle in ${caDir}: ${(err as Error).message}`);
    return null;
  }
}

/** A system proxy left pointing at a dead inspector's port (the app crashed) is put back before anything else. */
async function recover(system: SystemIntegration, log: Logger): Promise<void> {
  try {
    const r = await system.recoverIfCrashed();
    if (r.restored) log.warn(r.detail);
  } catch (err) {
    log.warn(`checking for a system proxy left by a crashed run: ${(err as Error).message}`);
  }
}

function connectHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::') return '::1';
  return listenHost;
}

/** The LLM stage's settings, or null when the user switched LLM parsing off. */
function analysisOf(c: Config): AnalysisConfig | null {
  return c.capture.parseLlm ? { pricing: c.pricing, conversations: c.conversations } : null;
}

function warnInsecure(c: Config, log: Logger): void {
  if (c.upstream.insecureHosts.length) {
    log.warn(
      `UPSTREAM TLS VERIFICATION IS OFF for ${c.upstream.insecureHosts.join(', ')}: anyone on the network path can read and ` +
        'change that traffic. Remove them from upstream.insecureHosts as soon as you can.',
    );
  }
}
