// Starts a real inspector (proxy, CA, ingest worker, SQLite in a temp data dir) wired to fake providers: every
// provider hostname is mapped ("map remote") to the local fake provider, whose test CA the inspector trusts upstream.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProxyAgent } from 'undici';
import type { ConfigPatch, ExchangeSummary } from '../../src-main/contract/index.js';
import { startInspector, type Inspector, type StartOptions } from '../../src-main/core/index.js';
import { silentLogger } from '../../src-main/log/index.js';
import { DEFAULT_PROVIDER_HOSTS, getTestPki } from '../support/test-pki.js';

export interface TestInspector {
  inspector: Inspector;
  dataDir: string;
  proxyUrl: string;
  /** the inspector's own CA (what a client must trust to be intercepted) */
  caPem: string;
  /** an undici dispatcher that sends requests through the inspector as HTTPS_PROXY, trusting its CA */
  dispatcher: ProxyAgent;
  finished: ExchangeSummary[];
  /** resolves with the first committed exchange matching `pred` (already seen ones count) */
  waitFinished(pred: (x: ExchangeSummary) => boolean, timeoutMs?: number): Promise<ExchangeSummary>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** port of the fake provider every provider hostname is mapped to */
  providerPort?: number;
  hostMap?: Record<string, string>;
  config?: ConfigPatch;
  ingest?: StartOptions['ingest'];
  /** reuse a data dir (a second run over the same store); it is then left in place on close */
  dataDir?: string;
  /** other startInspector options (shell, env, an injected system integration) */
  start?: Pick<StartOptions, 'shell' | 'env' | 'system'>;
}

/** data dirs this process made; a test that fails before close() would otherwise leave its dir in the temp dir */
const madeDirs = new Set<string>();
process.once('exit', () => madeDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

export async function startTestInspector(opts: HarnessOptions = {}): Promise<TestInspector> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'llmi-test-'));
  if (opts.dataDir === undefined) madeDirs.add(dataDir);
  const pki = await getTestPki();
  const hostMap: Record<string, string> = { ...(opts.hostMap ?? {}) };
  if (opts.providerPort) {
    for (const h of DEFAULT_PROVIDER_HOSTS) if (/[a-z]/.test(h) && h !== 'localhost') hostMap[h] ??= `127.0.0.1:${opts.providerPort}`;
  }
  const config: ConfigPatch = {
    ...opts.config,
    proxy: { port: 0, ...opts.config?.proxy },
    upstream: { extraCaFile: pki.caPath, hostMap, ...opts.config?.upstream },
  };
  const inspector = await startInspector({
    dataDir,
    overrides: config,
    log: silentLogger,
    ...opts.start,
    ...(opts.ingest ? { ingest: opts.ingest } : {}),
  });
  const finished: ExchangeSummary[] = [];
  const waiters: { pred: (x: ExchangeSummary) => boolean; resolve: (x: ExchangeSummary) => void }[] = [];
  inspector.service.events.on('exchange.finished', (x) => {
    finished.push(x);
    for (const w of [...waiters]) {
      if (w.pred(x)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(x);
      }
    }
  });
  const caPem = inspector.ca.certPem;
  const dispatcher = new ProxyAgent({ uri: inspector.proxyUrl, requestTls: { ca: caPem } });
  return {
    inspector,
    dataDir,
    proxyUrl: inspector.proxyUrl,
    caPem,
    dispatcher,
    finished,
    waitFinished(pred, timeoutMs = 10_000) {
      const hit = finished.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching exchange finished within ${timeoutMs} ms; saw ${finished.map((f) => `${f.id}:${f.url}:${f.state}`).join(', ')}`)), timeoutMs);
        waiters.push({ pred, resolve: (x) => { clearTimeout(timer); resolve(x); } });
      });
    },
    async close() {
      await dispatcher.close().catch(() => undefined);
      await inspector.close();
      if (opts.dataDir === undefined) {
        rmSync(dataDir, { recursive: true, force: true });
        madeDirs.delete(dataDir);
      }
    },
  };
}
