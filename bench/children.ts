// Child processes of the bench: the upstream stand-in and the inspector (`serve`), each on its own event loop.
// Every child is registered so it is killed when the bench ends, however it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

/** dist/ (this file is dist/bench/children.js once compiled) */
export const DIST_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** the last few KB of the child's stdout+stderr, for error messages */
  tail(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

function killAllSync(): void {
  for (const p of live) {
    try {
      p.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}
process.on('exit', killAllSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    killAllSync();
    process.exit(130);
  });
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of Object.keys(env)) {
    if (/^(https?_proxy|all_proxy|no_proxy|node_extra_ca_certs|node_options)$/i.test(k)) delete env[k];
  }
  return env;
}

/** Spawns `node script args…` and resolves once a stdout line matches every pattern (with the matches). */
async function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  patterns: RegExp[],
  timeoutMs: number,
  nodeArgs: string[] = [],
): Promise<{ child: Child; matches: RegExpExecArray[] }> {
  const proc = spawn(process.execPath, [...nodeArgs, script, ...args], { env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(proc);
  let out = '';
  const keep = (d: Buffer): void => {
    out = (out + d.toString('utf8')).slice(-8192);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  proc.stdin.on('error', () => undefined);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const child: Child = {
    proc,
    pid: proc.pid ?? -1,
    tail: () => out,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        live.delete(proc);
        return;
      }
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
      live.delete(proc);
    },
  };
  const matches = await new Promise<RegExpExecArray[]>((resolveMatches, reject) => {
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const check = (): void => {
      const found = patterns.map((p) => p.exec(out));
      if (found.every((m): m is RegExpExecArray => m !== null)) {
        cleanup();
        resolveMatches(found);
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`exited with code ${code}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      proc.stdout.off('data', check);
      proc.off('exit', onExit);
    };
    const fail = (err: Error): void => {
      cleanup();
      void child.stop();
      reject(new Error(`${script}: ${err.message}; output:\n${out}`));
    };
    proc.stdout.on('data', check);
    proc.once('exit', onExit);
  });
  return { child, matches };
}

export interface Upstream extends Child {
  port: number;
}

export async function startUpstream(keyPath: string, certPath: string): Promise<Upstream> {
  const { child, matches } = await spawnNode(
    join(DIST_ROOT, 'bench', 'upstream-server.js'),
    [],
    { BENCH_TLS_KEY: keyPath, BENCH_TLS_CERT: certPath },
    [/listening (\d+)/],
    15_000,
  );
  return { ...child, port: Number(matches[0]?.[1]) };
}

export interface InspectorStats {
  exchanges: number;
  errors: number;
  session: { exchanges: number; errors: number; tunnels: number; inFlight: number };
  capture: { paused: boolean; reason: string | null; queueDepth: number; dropped: number };
  memory?: { rssBytes: number; mainHeapBytes: number; workerHeapBytes: number };
}

export interface InspectorChild extends Child {
  proxyUrl: string;
  uiUrl: string;
  token: string;
  caPem: string;
  stats(): Promise<InspectorStats>;
  /** PATCH /api/config (e.g. { capture: { enabled: false } }) */
  patchConfig(patch: Record<string, unknown>): Promise<void>;
  /**
   * waits until nothing is in flight and the ingest queue is empty, the exchange count stopped moving, and the
   * process went CPU-quiet (the store's idle housekeeping — full-text indexing, WAL fold — done)
   */
  waitFlushed(timeoutMs?: number): Promise<InspectorStats>;
}

export interface InspectorSetup {
  dataDir: string;
  upstreamPort: number;
  upstreamCaFile: string;
  /** hosts added to mitm.extraHosts as a pattern (so no leaf is pre-made) and mapped to the upstream */
  newHosts: string[];
  /** extra node flags for the inspector child (e.g. --cpu-prof) */
  nodeArgs?: string[];
}

export async function startInspectorChild(s: InspectorSetup): Promise<InspectorChild> {
  const target = `127.0.0.1:${s.upstreamPort}`;
  const hostMap: Record<string, string> = { 'api.openai.com': target };
  for (const h of s.newHosts) hostMap[h] = target;
  mkdirSync(s.dataDir, { recursive: true });
  const configPath = join(s.dataDir, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ upstream: { hostMap, extraCaFile: s.upstreamCaFile }, mitm: { extraHosts: ['*.bench.test'] } }, null, 2),
  );
  const { child, matches } = await spawnNode(
    join(DIST_ROOT, 'src-main', 'cli', 'main.js'),
    ['serve', '--data-dir', s.dataDir, '--config', configPath, '--proxy-port', '0', '--ui-port', '0', '--log-level', 'warn'],
    {},
    [/proxy\s+(http:\/\/127\.0\.0\.1:\d+)/, /ui\s+(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/],
    30_000,
    s.nodeArgs ?? [],
  );
  const proxyUrl = matches[0]?.[1] ?? '';
  const uiUrl = matches[1]?.[1] ?? '';
  const token = matches[1]?.[2] ?? '';
  const caPath = join(s.dataDir, 'ca', 'certs', 'ca.pem');
  if (!existsSync(caPath)) {
    await child.stop();
    throw new Error(`inspector CA not found at ${caPath}`);
  }
  const caPem = readFileSync(caPath, 'utf8');
  const stats = async (): Promise<InspectorStats> => {
    const res = await request(`${uiUrl}/api/stats`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`GET /api/stats: ${res.statusCode} ${text.slice(0, 200)}`);
    return JSON.parse(text) as InspectorStats;
  };
  const patchConfig = async (patch: Record<string, unknown>): Promise<void> => {
    const res = await request(`${uiUrl}/api/config`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`PATCH /api/config: ${res.statusCode} ${text.slice(0, 200)}`);
  };
  const waitFlushed = async (timeoutMs = 60_000): Promise<InspectorStats> => {
    const deadline = Date.now() + timeoutMs;
    let prev = -1;
    for (;;) {
      const st = await stats();
      if (st.capture.queueDepth === 0 && st.session.inFlight === 0 && st.session.exchanges === prev) {
        await waitQuiet(child.pid, deadline);
        return st;
      }
      prev = st.session.exchanges;
      if (Date.now() > deadline) {
        throw new Error(`inspector did not flush within ${timeoutMs} ms (queue ${st.capture.queueDepth}, in flight ${st.session.inFlight})`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  return { ...child, proxyUrl, uiUrl, token, caPem, stats, patchConfig, waitFlushed };
}

/** Resolves once `pid` used under 10% of a core over a 200 ms window (or at the deadline, or where /proc is missing). */
async function waitQuiet(pid: number, deadline: number): Promise<void> {
  for (;;) {
    const c0 = readCpuMs(pid);
    await new Promise((r) => setTimeout(r, 200));
    const c1 = readCpuMs(pid);
    if (c0 === null || c1 === null || c1 - c0 < 20 || Date.now() > deadline) return;
  }
}

/** CPU time (user + system, all threads) a process has used so far, in ms (Linux; assumes 100 clock ticks/s). */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** VmRSS of a process in bytes (Linux), or null where /proc is not available. */
export function readRss(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; resolves with the peak and the sample count. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peak: number | null; samples: number } } {
  let peak: number | null = null;
  let samples = 0;
  const take = (): void => {
    const v = readRss(pid);
    if (v !== null) {
      samples++;
      peak = peak === null ? v : Math.max(peak, v);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { peak, samples };
    },
  };
}
