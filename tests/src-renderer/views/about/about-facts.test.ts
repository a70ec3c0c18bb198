import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatUptime, LIBRARIES, shortcutGroups, statRows, versionRows } from '../../../../src-renderer/views/about/about-facts.js';
import type { RuntimeInfo, Stats } from '../../../../src-main/contract/index.js';

const RUNTIME: RuntimeInfo = {
  version: '0.1.0',
  proxyUrl: 'http://127.0.0.1:8080',
  uiUrl: null,
  dataDir: '/d',
  dbPath: '/d/inspector.db',
  startedAt: 0,
  shell: 'headless',
  systemIntegration: false,
  versions: { node: '22.1.0', electron: null, chromium: null, sqlite: '3.45.0', v8: '12.4' },
  platform: 'linux',
};

describe('versionRows', () => {
  it('leaves out the Electron-only versions in the headless shell', () => {
    assert.deepEqual(versionRows(RUNTIME).map(([k]) => k), ['Node.js', 'V8', 'SQLite', 'Platform']);
  });
  it('lists Electron and Chromium in the desktop shell', () => {
    const rows = versionRows({ ...RUNTIME, shell: 'electron', versions: { ...RUNTIME.versions, electron: '37.0.0', chromium: '138.0' } });
    assert.deepEqual(rows.slice(0, 3), [['Node.js', '22.1.0'], ['Electron', '37.0.0'], ['Chromium', '138.0']]);
  });
});

describe('shortcutGroups', () => {
  it('numbers the views Alt+1.. in sidebar order and lists the traffic keys', () => {
    const groups = shortcutGroups([{ label: 'Traffic' }, { label: 'About' }]);
    assert.deepEqual(groups[0]?.shortcuts.map((s) => s.keys), [[['Alt', '1']], [['Alt', '2']]]);
    assert.equal(groups[0]?.shortcuts[1]?.action, 'Go to About');
    const traffic = groups.find((g) => g.title === 'Traffic')?.shortcuts.flatMap((s) => s.keys.flat()) ?? [];
    for (const k of ['j', 'k', 'Enter', '/', 'Esc', 'c']) assert.ok(traffic.includes(k), k);
  });
});

describe('formatting', () => {
  it('bytes, uptime', () => {
    assert.equal(formatBytes(999), '999 B');
    assert.equal(formatBytes(1_234_567), '1.2 MB');
    assert.equal(formatBytes(123_456_789), '123 MB');
    assert.equal(formatUptime(0, 42_000), '42 s');
    assert.equal(formatUptime(0, 3 * 3600_000 + 5 * 60_000), '3 h 5 min');
    assert.equal(formatUptime(0, 50 * 3600_000), '2 d 2 h');
  });
  it('stat rows say when capture is paused and why', () => {
    const stats: Stats = {
      exchanges: 1200,
      byState: {},
      errors: 3,
      requestBytes: 1000,
      responseBytes: 2_000_000,
      dbBytes: 5_000_000,
      session: { exchanges: 10, errors: 1, tunnels: 2, inFlight: 0 },
      capture: { paused: true, reason: 'disk full', queueDepth: 7, dropped: 2 },
      memory: { rssBytes: 100_000_000, mainHeapBytes: 20_000_000, mainExternalBytes: 1_000_000, workerHeapBytes: 15_000_000 },
    };
    const rows = statRows(stats);
    assert.deepEqual(rows.store[0], ['Exchanges', '1,200']);
    assert.deepEqual(rows.capture[0], ['State', 'paused: disk full']);
    assert.deepEqual(rows.capture[1], ['Queue', '7 waiting']);
    assert.deepEqual(rows.memory[3], ['Ingest worker heap', '15 MB']);
  });
  it('names every library the brief lists', () => {
    const names = LIBRARIES.map((l) => l.name.toLowerCase());
    for (const n of ['react', 'vite', 'recharts', 'tanstack virtual', 'codemirror', 'zod', 'http-mitm-proxy', 'better-sqlite3', 'node-forge', 'genai-prices', 'gpt-tokenizer', 'eventsource-parser']) assert.ok(names.includes(n), n);
  });
});
