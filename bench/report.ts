// Result rows, the markdown table and the JSON files under .bench/.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface Row {
  scenario: string;
  direct: string;
  proxied: string;
  /** ratio or added cost, as text */
  ratio: string;
  target: string;
  /** null: nothing to judge (informational row, or the scenario failed) */
  met: boolean | null;
  error?: string;
}

export interface ScenarioResult {
  name: string;
  rows: Row[];
  /** raw numbers for the JSON file */
  data: Record<string, unknown>;
  elapsedMs: number;
  error?: string;
}

export interface MachineInfo {
  date: string;
  os: string;
  cpuModel: string;
  cpus: number;
  totalMemGiB: number;
  node: string;
  quick: boolean;
}

export function machineInfo(quick: boolean): MachineInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    totalMemGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    quick,
  };
}

export const ms = (v: number, digits = 2): string => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
export const mb = (bytes: number | null): string => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
export const num = (v: number, digits = 0): string =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
export const ratio = (through: number, direct: number): string =>
  Number.isFinite(through / direct) && direct > 0 ? `${(through / direct).toFixed(2)}×` : 'n/a';
export const added = (through: number, direct: number, digits = 2): string => {
  const d = through - direct;
  return Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${d.toFixed(digits)} ms` : 'n/a';
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderTable(info: MachineInfo, results: ScenarioResult[]): string {
  const lines = [
    `LLM Inspector bench — ${info.date}${info.quick ? ' (BENCH_QUICK)' : ''}`,
    `machine: ${info.cpuModel} × ${info.cpus}, ${info.totalMemGiB} GiB RAM, ${info.os}, node ${info.node}`,
    '',
    '| scenario | direct | through inspector | ratio / added | target | met? |',
    '|---|---|---|---|---|---|',
  ];
  const all: Row[] = results.flatMap((r) =>
    r.rows.length
      ? r.rows
      : [{ scenario: r.name, direct: '—', proxied: '—', ratio: '—', target: '—', met: null, error: r.error ?? 'no result' }],
  );
  // rows by scenario number (stable), whatever order the scenarios ran in
  const order = (row: Row): number => Number(/^(\d+)\./.exec(row.scenario)?.[1] ?? 99);
  for (const row of all.map((row, i) => ({ row, i })).sort((a, b) => order(a.row) - order(b.row) || a.i - b.i).map((x) => x.row)) {
    const met = row.error ? `ERROR: ${row.error.slice(0, 300)}` : row.met === null ? '—' : row.met ? 'yes' : 'NO';
    lines.push(`| ${[row.scenario, row.direct, row.proxied, row.ratio, row.target, met].map(cell).join(' | ')} |`);
  }
  const judged = results.flatMap((r) => r.rows).filter((x) => x.met !== null && !x.error);
  const failed = results.flatMap((r) => r.rows).filter((x) => x.error).length + results.filter((r) => !r.rows.length).length;
  lines.push('', `targets met: ${judged.filter((x) => x.met).length}/${judged.length}${failed ? `; ${failed} row(s) errored` : ''}`);
  return lines.join('\n');
}

/** Writes .bench/results-<timestamp>.json and .bench/latest.json; returns the timestamped path. */
export function writeResults(rootDir: string, info: MachineInfo, results: ScenarioResult[], table: string): string {
  const dir = join(rootDir, '.bench');
  mkdirSync(dir, { recursive: true });
  const stamp = info.date.replace(/[:.]/g, '-');
  const body = `${JSON.stringify({ machine: info, results, table }, null, 2)}\n`;
  const file = join(dir, `results-${stamp}.json`);
  writeFileSync(file, body);
  writeFileSync(join(dir, 'latest.json'), body);
  return file;
}
