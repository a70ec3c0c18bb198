// The desktop shell's OS actions behind one object: system proxy on/off with save-and-restore, CA trust per store,
// and the intercepted terminal. The service sees only the SystemIntegration interface; the tray calls this directly.
import { homedir } from 'node:os';
import { SystemActionError } from '../contract/system.js';
import type { CaActionInput, CaTargetResult, CaTrustTargetStatus, RecoveryResult, SystemIntegration, SystemProxyStatus, SystemStatus, TerminalResult } from '../contract/system.js';
import type { CaCert, LinuxStoreOptions } from './ca-trust.js';
import { caTrustTargets, type TrustTarget } from './ca-trust-targets.js';
import { interceptedEnv, proxyPreloadPath } from './intercept-env.js';
import { backendFor, DEFAULT_BYPASS, detectBackend, execRunner, onPath, ProxyUnsupportedError, SystemProxy } from './proxy-settings.js';
import type { ProxyBackend, ProxyState, ProxyTarget, Runner } from './proxy-types.js';
import { launchTerminal, planTerminal, TerminalUnavailableError, type TerminalPlan } from './terminal-launch.js';

export interface DesktopIntegrationOptions {
  /** the data dir: the saved proxy settings and the macOS terminal script live here */
  dataDir: string;
  ca: CaCert;
  /** the client trust bundle (system roots + CA) for SSL_CERT_FILE and friends; the CA alone when null */
  bundlePath: string | null;
  /** the inspector's proxy URL; a function because it is known only once the proxy listens */
  proxyUrl: string | (() => string);
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  run?: Runner;
  /** where the NSS databases are looked for (a temporary HOME in tests) */
  home?: string;
  /** the Linux system store's root and elevation (a temporary root in tests) */
  linux?: LinuxStoreOptions;
  has?: (tool: string) => boolean;
  /** the system proxy backend, instead of detecting it */
  proxyBackend?: ProxyBackend | null;
  /** the process that owns a proxy this turns on (the app); default this process */
  ownerPid?: number;
  /** starts a planned terminal; default launchTerminal (tests keep it real and point PATH at a script) */
  launch?: (plan: TerminalPlan) => Promise<TerminalResult>;
}

const errorText = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0] ?? 'failed';

/** Whether a read-back system proxy state is "on", whatever it points at. */
export function proxyStateEnabled(s: ProxyState): boolean {
  switch (s.backend) {
    case 'gnome':
      return s.mode !== 'none';
    case 'kde':
      return s.proxyType !== '0' && s.proxyType !== '';
    case 'macos':
      return s.services.some((v) => v.web.enabled || v.secureWeb.enabled);
    case 'windows':
      return s.proxyEnable;
  }
}

/** Where programs reach the proxy: a wildcard listen address is reached on loopback; IPv6 brackets dropped. */
export function proxyTargetOf(proxyUrl: string): ProxyTarget {
  const u = new URL(proxyUrl);
  let host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  if (host === '::') host = '::1';
  return { host, port: Number(u.port || 80), bypass: DEFAULT_BYPASS };
}

export class DesktopIntegration implements SystemIntegration {
  private readonly env: NodeJS.ProcessEnv;
  private readonly platform: NodeJS.Platform;
  private readonly run: Runner;
  private readonly has: (tool: string) => boolean;
  private readonly ownerPid: number;
  private readonly proxy: SystemProxy | null;
  private readonly proxyReason: string | null;
  private readonly targets: TrustTarget[];

  constructor(private readonly o: DesktopIntegrationOptions) {
    this.env = o.env ?? process.env;
    this.platform = o.platform ?? process.platform;
    this.run = o.run ?? execRunner;
    this.has = o.has ?? ((t) => onPath(t, this.env));
    this.ownerPid = o.ownerPid ?? process.pid;
    const name = o.proxyBackend === undefined ? detectBackend({ platform: this.platform, env: this.env, has: this.has }) : o.proxyBackend?.name ?? null;
    if (name) {
      this.proxy = new SystemProxy({ dataDir: o.dataDir, backend: o.proxyBackend ?? backendFor(name), run: this.run });
      this.proxyReason = null;
    } else {
      this.proxy = null;
      this.proxyReason = new ProxyUnsupportedError(`${this.platform}${this.env.XDG_CURRENT_DESKTOP ? `, ${this.env.XDG_CURRENT_DESKTOP}` : ''}`).message;
    }
    const home = o.home ?? homedir();
    this.targets = caTrustTargets({ ca: o.ca, run: this.run, platform: this.platform, home, has: this.has, ...(o.linux ? { linux: o.linux } : {}) });
  }

  private proxyUrl(): string {
    return typeof this.o.proxyUrl === 'function' ? this.o.proxyUrl() : this.o.proxyUrl;
  }

  async status(): Promise<SystemStatus> {
    const [proxy, ca] = await Promise.all([this.proxyStatus(), this.caStatus()]);
    return { proxy, ca, terminal: this.terminalAvailability() };
  }

  private async proxyStatus(): Promise<SystemProxyStatus> {
    const target = proxyTargetOf(this.proxyUrl());
    const shown = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
    const base = { backend: this.proxy?.backend.name ?? null, enabled: false, ours: false, savedPrevious: false, target: shown };
    if (!this.proxy) return { ...base, supported: false, reason: this.proxyReason };
    try {
      const savedPrevious = this.proxy.saved() !== null;
      const current = await this.proxy.read();
      return { ...base, supported: true, enabled: proxyStateEnabled(current), ours: this.proxy.backend.pointsAt(current, target), savedPrevious, reason: null };
    } catch (err) {
      return { ...base, supported: true, reason: `cannot read the system proxy: ${errorText(err)}` };
    }
  }

  private async caStatus(): Promise<CaTrustTargetStatus[]> {
    const elevate = this.o.linux?.elevate ?? process.getuid?.() !== 0;
    return Promise.all(
      this.targets.map(async (t) => ({
        id: targetId(t),
        kind: t.kind,
        label: t.label,
        trusted: t.unavailable ? null : await t.isTrusted().catch(() => null),
        installable: t.unavailable === null,
        unavailable: t.unavailable,
        // pkexec for the system store, the keychain's password dialog, Windows' "install this root?" warning
        needsAdminPrompt: t.kind === 'system' ? elevate : t.kind !== 'nss',
      })),
    );
  }

  private terminalAvailability(): SystemStatus['terminal'] {
    try {
      return { name: this.planTerminal().terminal, reason: null };
    } catch (err) {
      return { name: null, reason: errorText(err) };
    }
  }

  async setSystemProxy(enabled: boolean): Promise<SystemStatus> {
    if (!this.proxy) throw new SystemActionError('unavailable', this.proxyReason ?? 'system proxy: not supported here');
    if (enabled) {
      // a proxy left by an inspector that died is undone first, so its settings are not saved as "the user's"
      await this.proxy.recoverIfCrashed();
      await this.proxy.on(proxyTargetOf(this.proxyUrl()), this.ownerPid);
    } else {
      await this.proxy.off();
    }
    return this.status();
  }

  installCa(select?: CaActionInput): Promise<CaTargetResult[]> {
    return this.eachTarget(select, (t) => t.install());
  }

  uninstallCa(select?: CaActionInput): Promise<CaTargetResult[]> {
    return this.eachTarget(select, (t) => t.uninstall());
  }

  /** One store at a time (each may show its own OS prompt); one failing, or cancelled, does not stop the others. */
  private async eachTarget(select: CaActionInput | undefined, act: (t: TrustTarget) => Promise<void>): Promise<CaTargetResult[]> {
    const chosen = this.targets.filter((t) => (!select?.targets || select.targets.includes(t.kind)) && (!select?.ids || select.ids.includes(targetId(t))));
    const results: CaTargetResult[] = [];
    for (const t of chosen) {
      const head = { id: targetId(t), kind: t.kind, label: t.label };
      if (t.unavailable) {
        results.push({ ...head, ok: false, error: t.unavailable });
        continue;
      }
      try {
        await act(t);
        results.push({ ...head, ok: true, error: null });
      } catch (err) {
        results.push({ ...head, ok: false, error: errorText(err) });
      }
    }
    return results;
  }

  private interceptEnv(): NodeJS.ProcessEnv {
    return interceptedEnv(this.env, {
      proxyUrl: this.proxyUrl(),
      caPath: this.o.ca.certPath,
      bundlePath: this.o.bundlePath ?? this.o.ca.certPath,
      preloadPath: proxyPreloadPath(),
    });
  }

  private planTerminal(): TerminalPlan {
    const proxyUrl = this.proxyUrl();
    return planTerminal({
      platform: this.platform,
      env: this.interceptEnv(),
      has: this.has,
      shellEnv: this.env,
      title: 'LLM Inspector',
      banner: `LLM Inspector: HTTP(S) from programs started here goes through ${proxyUrl} and is captured.`,
      scriptDir: this.o.dataDir,
    });
  }

  async launchTerminal(): Promise<TerminalResult> {
    try {
      return await (this.o.launch ?? launchTerminal)(this.planTerminal());
    } catch (err) {
      if (err instanceof TerminalUnavailableError) throw new SystemActionError('unavailable', err.message);
      throw err;
    }
  }

  async recoverIfCrashed(): Promise<RecoveryResult> {
    if (!this.proxy) return { restored: false, detail: 'no system proxy backend here' };
    const saved = this.proxy.saved();
    const restored = await this.proxy.recoverIfCrashed();
    return restored && saved
      ? { restored, detail: `the system proxy (${this.proxy.backend.name}) was left pointing at ${saved.target.host}:${saved.target.port} by an inspector that died (pid ${saved.ownerPid}); the settings from before were restored` }
      : { restored, detail: 'nothing to restore' };
  }

  /** Only a proxy this process turned on is undone: another running inspector's stays. */
  async restoreOnQuit(): Promise<boolean> {
    if (!this.proxy) return false;
    const saved = this.proxy.saved();
    if (!saved || saved.ownerPid !== this.ownerPid) return false;
    return this.proxy.off();
  }
}

/** Stable for a machine: the kind plus where, so one NSS profile can be chosen among several. */
function targetId(t: TrustTarget): string {
  return `${t.kind}:${t.label}`;
}
