import type { RuntimeInfo, Stats } from '../../../src-main/contract/index.js';

export interface Shortcut {
  keys: string[][];
  /** alternatives are listed as separate key groups ("↑ / k") */
  action: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

/** Keyboard shortcuts, by where they work. `views` is the sidebar's order (Alt+1 is the first). */
export function shortcutGroups(views: readonly { label: string }[]): ShortcutGroup[] {
  return [
    { title: 'Anywhere', shortcuts: views.map((v, i) => ({ keys: [['Alt', String(i + 1)]], action: `Go to ${v.label}` })) },
    {
      title: 'Traffic',
      shortcuts: [
        { keys: [['↑'], ['k']], action: 'Previous exchange' },
        { keys: [['↓'], ['j']], action: 'Next exchange' },
        { keys: [['Enter']], action: 'Open the selected exchange' },
        { keys: [['/']], action: 'Focus the filter box' },
        { keys: [['Esc']], action: 'Close the detail, or leave the filter box' },
        { keys: [['c']], action: 'Compare the selected exchanges' },
      ],
    },
    {
      title: 'Settings and Setup',
      shortcuts: [
        { keys: [['Ctrl', 'S'], ['⌘', 'S']], action: 'Save the settings' },
        { keys: [['←'], ['→']], action: 'Previous / next OS tab in Setup' },
      ],
    },
  ];
}

export interface Library {
  name: string;
  use: string;
  license: string;
  url: string;
}

export const LIBRARIES: readonly Library[] = [
  { name: 'React', use: 'the user interface', license: 'MIT', url: 'https://react.dev' },
  { name: 'Vite', use: 'bundling the interface', license: 'MIT', url: 'https://vite.dev' },
  { name: 'Recharts', use: 'usage charts', license: 'MIT', url: 'https://recharts.org' },
  { name: 'TanStack Virtual', use: 'the virtualised traffic list', license: 'MIT', url: 'https://tanstack.com/virtual' },
  { name: 'CodeMirror', use: 'body viewers and diffs', license: 'MIT', url: 'https://codemirror.net' },
  { name: 'Zod', use: 'the contract: config, commands, events', license: 'MIT', url: 'https://zod.dev' },
  { name: 'http-mitm-proxy', use: 'the proxy engine', license: 'MIT', url: 'https://github.com/joeferner/node-http-mitm-proxy' },
  { name: 'better-sqlite3', use: 'the capture store', license: 'MIT', url: 'https://github.com/WiseLibs/better-sqlite3' },
  { name: 'node-forge', use: 'the CA and leaf certificates', license: 'BSD-3-Clause or GPL-2.0', url: 'https://github.com/digitalbazaar/forge' },
  { name: 'genai-prices', use: 'model prices', license: 'MIT', url: 'https://github.com/pydantic/genai-prices' },
  { name: 'gpt-tokenizer', use: 'token estimates when the provider sends none', license: 'MIT', url: 'https://github.com/niieani/gpt-tokenizer' },
  { name: 'eventsource-parser', use: 'reading server-sent event streams', license: 'MIT', url: 'https://github.com/rexxars/eventsource-parser' },
];

/** The runtime's versions as label/value rows; the Electron-only ones are left out in the headless shell. */
export function versionRows(r: RuntimeInfo): [string, string][] {
  const rows: [string, string | null][] = [
    ['Node.js', r.versions.node],
    ['Electron', r.versions.electron],
    ['Chromium', r.versions.chromium],
    ['V8', r.versions.v8],
    ['SQLite', r.versions.sqlite],
    ['Platform', r.platform],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== null && row[1] !== '');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "3 d 4 h", "12 min", "40 s" since a start time. */
export function formatUptime(startedAt: number, now: number): string {
  const s = Math.max(0, Math.floor((now - startedAt) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** Store and process figures as label/value rows. */
export function statRows(s: Stats): { store: [string, string][]; memory: [string, string][]; capture: [string, string][] } {
  return {
    store: [
      ['Exchanges', formatCount(s.exchanges)],
      ['Errors', formatCount(s.errors)],
      ['Bytes sent / received', `${formatBytes(s.requestBytes)} / ${formatBytes(s.responseBytes)}`],
      ['Database size', formatBytes(s.dbBytes)],
      ['This run', `${formatCount(s.session.exchanges)} exchanges, ${formatCount(s.session.errors)} errors, ${formatCount(s.session.tunnels)} tunnels, ${formatCount(s.session.inFlight)} in flight`],
    ],
    memory: [
      ['Process (RSS)', formatBytes(s.memory.rssBytes)],
      ['Forwarding thread heap', formatBytes(s.memory.mainHeapBytes)],
      ['Forwarding thread buffers', formatBytes(s.memory.mainExternalBytes)],
      ['Ingest worker heap', formatBytes(s.memory.workerHeapBytes)],
    ],
    capture: [
      ['State', s.capture.paused ? `paused: ${s.capture.reason ?? 'the store cannot take writes'}` : 'writing'],
      ['Queue', `${formatCount(s.capture.queueDepth)} waiting`],
      ['Dropped since start', formatCount(s.capture.dropped)],
    ],
  };
}
