// Turning the OS system proxy on and off without ever stranding the user: the settings found before are saved to the
// data dir *before* anything changes, `off` puts exactly those back, and a start after a crash does the same.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { gnomeBackend } from './proxy-gnome.js';
import { kdeBackend } from './proxy-kde.js';
import { macBackend } from './proxy-macos.js';
import { ProxyStateSchema, type BackendName, type Cmd, type ProxyBackend, type ProxyState, type ProxyTarget, type Runner } from './proxy-types.js';
import { windowsBackend } from './proxy-windows.js';

const SavedSchema = z.object({
  previous: ProxyStateSchema,
  target: z.object({ host: z.string(), port: z.number().int() }),
  /** The process whose proxy this is (the inspector): if it is gone, the proxy points at a dead port. */
  ownerPid: z.number().int(),
  setAt: z.string(),
});
export type SavedProxyState = z.infer<typeof SavedSchema>;

export const DEFAULT_BYPASS = ['localhost', '127.0.0.1', '::1'];

export class ProxyUnsupportedError extends Error {
  constructor(where: string) {
    super(`system proxy: not supported here (${where}); route programs yourself with: eval "$(llm-inspector env)" or llm-inspector run -- <command>`);
  }
}

export interface DetectInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  has: (tool: string) => boolean;
}

/** Which backend runs here. Pure: the platform, the desktop and the tools on PATH are its inputs. */
export function detectBackend({ platform, env, has }: DetectInput): BackendName | null {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  if (platform !== 'linux') return null;
  const desktop = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toLowerCase();
  if (desktop.includes('kde') && (has('kwriteconfig6') || has('kwriteconfig5'))) return 'kde';
  if (has('gsettings')) return 'gnome';
  return null;
}

export function backendFor(name: BackendName): ProxyBackend {
  return { gnome: gnomeBackend, kde: kdeBackend, macos: macBackend, windows: windowsBackend }[name];
}

export function onPath(tool: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, tool)));
}

/** The real runner: execFile with an argument list (no shell), stdout back, stderr in the error. */
export const execRunner: Runner = (cmd: Cmd) =>
  new Promise((resolve, reject) =>
    execFile(cmd.file, cmd.args, { timeout: 15_000, windowsHide: true }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd.file} ${cmd.args.join(' ')}: ${String(stderr).trim() || err.message}`)) : resolve(String(stdout)),
    ),
  );

export interface SystemProxyOptions {
  dataDir: string;
  backend?: ProxyBackend;
  run?: Runner;
  /** Whether a pid is alive; injected for tests. */
  isAlive?: (pid: number) => boolean;
}

const stateFile = (dataDir: string): string => join(dataDir, 'system-proxy.json');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SystemProxy {
  readonly backend: ProxyBackend;
  private readonly run: Runner;
  private readonly isAlive: (pid: number) => boolean;

  constructor(private readonly opts: SystemProxyOptions) {
    const name = opts.backend?.name ?? detectBackend({ platform: process.platform, env: process.env, has: (t) => onPath(t) });
    if (!name) throw new ProxyUnsupportedError(`${process.platform}${process.env.XDG_CURRENT_DESKTOP ? `, ${process.env.XDG_CURRENT_DESKTOP}` : ''}`);
    this.backend = opts.backend ?? backendFor(name);
    this.run = opts.run ?? execRunner;
    this.isAlive = opts.isAlive ?? alive;
  }

  saved(): SavedProxyState | null {
    const p = stateFile(this.opts.dataDir);
    if (!existsSync(p)) return null;
    return SavedSchema.parse(JSON.parse(readFileSync(p, 'utf8')));
  }

  read(): Promise<ProxyState> {
    return this.backend.read(this.run);
  }

  /** Points the system proxy at target. The settings from before are saved first, and only once: a second `on` keeps them. */
  async on(target: ProxyTarget, ownerPid: number): Promise<void> {
    const previous = this.saved()?.previous ?? (await this.read());
    const saved: SavedProxyState = { previous, target: { host: target.host, port: target.port }, ownerPid, setAt: new Date().toISOString() };
    const p = stateFile(this.opts.dataDir);
    writeFileSync(`${p}.tmp`, JSON.stringify(saved, null, 2), { mode: 0o600 });
    renameSync(`${p}.tmp`, p);
    await this.backend.enable(this.run, target);
  }

  /** Puts back the settings saved by `on`; false when there was nothing to restore. */
  async off(): Promise<boolean> {
    const saved = this.saved();
    if (!saved) return false;
    await this.backend.restore(this.run, saved.previous);
    rmSync(stateFile(this.opts.dataDir), { force: true });
    return true;
  }

  /** Call at start: if the process that turned the proxy on is gone, the user's proxy points at a dead port; restore it. */
  async recoverIfCrashed(): Promise<boolean> {
    const saved = this.saved();
    if (!saved || this.isAlive(saved.ownerPid)) return false;
    return this.off();
  }

  async status(): Promise<{ backend: BackendName; current: ProxyState; ours: boolean; saved: SavedProxyState | null }> {
    const current = await this.read();
    const saved = this.saved();
    return { backend: this.backend.name, current, saved, ours: saved ? this.backend.pointsAt(current, saved.target) : false };
  }
}
