// Runs `llm-inspector serve` as a real child process (the headless shell as a user starts it) and reads the URLs it
// prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/fixtures.js';

export interface ServeProcess {
  child: ChildProcess;
  dataDir: string;
  proxyUrl: string;
  uiUrl: string;
  openUrl: string;
  token: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  cleanup(): void;
}

export async function startServe(config: object = {}, extraArgs: string[] = []): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'llmi-serve-'));
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const main = join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js');
  const child = spawn(process.execPath, [main, 'serve', '--data-dir', dataDir, '--config', configPath, '--proxy-port', '0', '--ui-port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${out}`)), 20_000);
    const check = () => {
      if (/\n\s*ui\s+\S+/.test(out) && /proxy\s+http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', () => { clearTimeout(timer); reject(new Error(`serve exited:\n${out}`)); });
  });
  const proxyUrl = /proxy\s+(http:\/\/\S+)/.exec(out)?.[1] ?? '';
  const openUrl = /ui\s+(http:\/\/\S+)/.exec(out)?.[1] ?? '';
  const u = new URL(openUrl);
  return {
    child,
    dataDir,
    proxyUrl,
    uiUrl: u.origin,
    openUrl,
    token: u.searchParams.get('token') ?? '',
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    cleanup() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
