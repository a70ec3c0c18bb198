// One `serve` process fed by the demo provider through the real SDK clients, and one browser, shared by a test file.
import type { Browser } from 'playwright-core';
import type { FakeProvider } from '../support/fake-provider.js';
import { demoInspectorConfig, startDemoProvider } from '../harness/demo-traffic.js';
import { startServe, type ServeProcess } from '../harness/serve-process.js';
import { launchBrowser } from './browser.js';

export interface E2eWorld {
  provider: FakeProvider;
  serve: ServeProcess;
  browser: Browser;
  /** GET/POST an API path with the run's token */
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  close(): Promise<void>;
}

export async function startE2eWorld(opts: { streamChunkDelayMs?: number; config?: object } = {}): Promise<E2eWorld> {
  const provider = await startDemoProvider(opts.streamChunkDelayMs === undefined ? {} : { streamChunkDelayMs: opts.streamChunkDelayMs });
  const serve = await startServe({ ...(await demoInspectorConfig(provider.port)), ...(opts.config ?? {}) });
  const browser = await launchBrowser();
  return {
    provider,
    serve,
    browser,
    async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const res = await fetch(serve.uiUrl + path, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${serve.token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await serve.stop();
      serve.cleanup();
      await provider.close();
    },
  };
}

/** Waits until the store holds at least `n` finished exchanges (the UI reads from the store). */
export async function waitForExchanges(world: E2eWorld, n: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await world.api<{ items: { state: string }[] }>('/api/exchanges?limit=1000');
    if (page.items.filter((x) => x.state !== 'pending' && x.state !== 'streaming').length >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${page.items.length} exchanges after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
