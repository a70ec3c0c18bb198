import type { ServiceEvent, SystemProxyStatus } from '../contract/index.js';
import type { RecentError, SystemProxyView, TrayAction, TrayState } from './tray-menu.js';

export type EnvShell = Extract<TrayAction, { kind: 'copy-env' }>['shell'];

/** What the tray's actions do, in terms of the core. main.ts builds it over the service; tests over a real core. */
export interface DesktopServices {
  captureEnabled(): boolean;
  setCapture(enabled: boolean): Promise<void>;
  /** null when this build has no system integration */
  systemProxyStatus(): Promise<SystemProxyView | null>;
  setSystemProxy(enabled: boolean): Promise<SystemProxyView>;
  /** starts a terminal whose programs go through the inspector; answers with the terminal's name */
  launchTerminal(): Promise<string>;
  envSnippet(shell: EnvShell): string;
}

/** The window and OS surfaces the controller drives. */
export interface DesktopSurfaces {
  showWindow(hash?: string): void;
  hideWindow(): void;
  windowVisible(): boolean;
  copyText(text: string): void;
  notify(title: string, body: string): void;
  quit(): void;
}

const MAX_ERRORS = 50;

/** What the tray shows of the system proxy state the service reports. */
export function proxyView(s: SystemProxyStatus): SystemProxyView {
  return { supported: s.supported, enabled: s.enabled, pointsHere: s.ours, note: s.reason };
}

/**
 * The tray's brain: keeps the state the menu and icon are drawn from, follows the service's events, and carries out
 * the chosen actions. A failed action never throws into Electron's menu callback: it becomes a notification.
 */
export class DesktopController {
  private state: TrayState;
  private readonly listeners = new Set<(s: TrayState) => void>();

  constructor(
    private readonly services: DesktopServices,
    private readonly surfaces: DesktopSurfaces,
    init: { proxyUrl: string; platform: NodeJS.Platform },
  ) {
    this.state = {
      capturing: services.captureEnabled(),
      pausedReason: null,
      systemProxy: null,
      proxyUrl: init.proxyUrl,
      recentErrors: [],
      windowVisible: surfaces.windowVisible(),
      platform: init.platform,
    };
  }

  get current(): TrayState {
    return this.state;
  }

  onChange(fn: (s: TrayState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Reads what is only known by asking (the OS proxy settings); called at start and when the menu opens. */
  async refresh(): Promise<void> {
    try {
      this.set({ systemProxy: await this.services.systemProxyStatus(), capturing: this.services.captureEnabled() });
    } catch (err) {
      this.set({ systemProxy: { supported: false, enabled: false, pointsHere: false, note: (err as Error).message } });
    }
  }

  windowShown(visible: boolean): void {
    if (visible !== this.state.windowVisible) this.set({ windowVisible: visible });
  }

  onServiceEvent(e: ServiceEvent): void {
    switch (e.event) {
      case 'capture.status':
        if ((e.data.paused ? e.data.reason ?? 'unknown reason' : null) !== this.state.pausedReason) {
          this.set({ pausedReason: e.data.paused ? e.data.reason ?? 'unknown reason' : null });
        }
        return;
      case 'config.changed':
        if (this.services.captureEnabled() !== this.state.capturing) this.set({ capturing: this.services.captureEnabled() });
        return;
      case 'exchange.finished': {
        const x = e.data;
        if (x.error === null && (x.status === null || x.status < 400)) return;
        const label = `${x.status ?? 'failed'} ${x.host}${x.error ? ` — ${x.error.code}` : ''}`;
        const errors: RecentError[] = [{ id: x.id, at: x.startedAt, label }, ...this.state.recentErrors].slice(0, MAX_ERRORS);
        this.set({ recentErrors: errors });
        return;
      }
      case 'system.changed':
        // a change made in the window (or a second window) reaches the tray too
        this.set({ systemProxy: proxyView(e.data.proxy) });
        return;
      case 'store.cleared':
        if (this.state.recentErrors.length) this.set({ recentErrors: [] });
        return;
      default:
        return;
    }
  }

  async run(action: TrayAction): Promise<void> {
    try {
      await this.perform(action);
    } catch (err) {
      this.surfaces.notify('LLM Inspector', `${describe(action)} failed: ${(err as Error).message}`);
    }
  }

  private async perform(action: TrayAction): Promise<void> {
    switch (action.kind) {
      case 'set-capture':
        await this.services.setCapture(action.enabled);
        this.set({ capturing: this.services.captureEnabled() });
        return;
      case 'set-system-proxy':
        this.set({ systemProxy: await this.services.setSystemProxy(action.enabled) });
        return;
      case 'intercept-terminal': {
        const terminal = await this.services.launchTerminal();
        this.surfaces.notify('Intercepted terminal started', `${terminal}: LLM calls made from it appear in LLM Inspector.`);
        return;
      }
      case 'copy-env':
        this.surfaces.copyText(this.services.envSnippet(action.shell));
        this.surfaces.notify('Terminal setup copied', 'Paste it into a terminal to send its LLM calls through LLM Inspector.');
        return;
      case 'open-window':
        return this.surfaces.showWindow();
      case 'hide-window':
        return this.surfaces.hideWindow();
      case 'open-exchange':
        return this.surfaces.showWindow(`#/traffic?id=${action.id}`);
      case 'open-view':
        return this.surfaces.showWindow(`#/${action.view}`);
      case 'clear-errors':
        this.set({ recentErrors: [] });
        return;
      case 'quit':
        return this.surfaces.quit();
    }
  }

  private set(patch: Partial<TrayState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state);
  }
}

function describe(action: TrayAction): string {
  switch (action.kind) {
    case 'set-capture':
      return action.enabled ? 'Starting capture' : 'Stopping capture';
    case 'set-system-proxy':
      return action.enabled ? 'Setting the system proxy' : 'Restoring the system proxy';
    case 'intercept-terminal':
      return 'Opening an intercepted terminal';
    default:
      return action.kind;
  }
}
