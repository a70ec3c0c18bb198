// BENCH_CPU_PROF=1: the inspector child runs with --cpu-prof; afterwards the heaviest functions (self time) of each
// thread's profile are summarised here, so a slow row comes with evidence of where the time went.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  fn: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  top: HotFunction[];
}

function label(f: CallFrame): string {
  const where = f.url ? f.url.split('/').slice(-2).join('/') : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}:${f.lineNumber + 1}` : ''}`;
}

export function summarizeProfile(file: string, topN = 12): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const node = byId.get(id);
    const us = prof.timeDeltas[i] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const k = label(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + us);
    total += us;
  });
  const top = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([fn, us]) => ({ fn, selfMs: Math.round(us / 1000), share: total ? Math.round((us / total) * 1000) / 10 : 0 }));
  return { file, totalMs: Math.round(total / 1000), top };
}

export function summarizeProfileDir(dir: string, topN = 12): ProfileSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return files.sort().map((f) => summarizeProfile(join(dir, f), topN));
}

export function renderProfiles(summaries: ProfileSummary[]): string {
  return summaries
    .map((s) =>
      [`inspector CPU profile ${s.file} (busy ${s.totalMs} ms), top self time:`, ...s.top.map((h) => `  ${String(h.selfMs).padStart(6)} ms ${String(h.share).padStart(5)}%  ${h.fn}`)].join('\n'),
    )
    .join('\n');
}
