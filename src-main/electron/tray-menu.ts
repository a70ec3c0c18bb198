/**
 * The tray menu as data: a pure function of the app's state. The Electron glue turns it into a native Menu and sends the
 * chosen action back; keeping it data lets tests read the menu a user would see in each state.
 */

export interface SystemProxyView {
  supported: boolean;
  enabled: boolean;
  /** it is on and points at this inspector (not at something else the user set) */
  pointsHere: boolean;
  /** why it is unsupported, or what is wrong */
  note: string | null;
}

export interface RecentError {
  id: number;
  at: number;
  /** e.g. "502 api.openai.com — upstream_tls_verify_failed" */
  label: string;
}

export interface TrayState {
  /** config capture.enabled */
  capturing: boolean;
  /** capture paused by the store (disk full, read-only): traffic flows, nothing is recorded */
  pausedReason: string | null;
  /** null until the first status arrives, or in a build without system integration */
  systemProxy: SystemProxyView | null;
  proxyUrl: string;
  recentErrors: RecentError[];
  windowVisible: boolean;
  platform: NodeJS.Platform;
}

export type TrayAction =
  | { kind: 'set-capture'; enabled: boolean }
  | { kind: 'set-system-proxy'; enabled: boolean }
  | { kind: 'intercept-terminal' }
  | { kind: 'copy-env'; shell: 'bash' | 'fish' | 'powershell' | 'cmd' }
  | { kind: 'open-window' }
  | { kind: 'hide-window' }
  | { kind: 'open-exchange'; id: number }
  | { kind: 'open-view'; view: 'setup' | 'settings' }
  | { kind: 'clear-errors' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal' | 'checkbox'; label: string; enabled: boolean; checked?: boolean; action: TrayAction | null; toolTip?: string }
  | { type: 'submenu'; label: string; enabled: boolean; items: TrayItem[] };

export type TrayIconState = 'capturing' | 'proxy' | 'error' | 'idle';

const ERROR_ITEMS = 8;

export function trayIconState(s: TrayState): TrayIconState {
  if (s.pausedReason !== null) return 'error';
  if (!s.capturing) return 'idle';
  if (s.systemProxy?.enabled) return 'proxy';
  return 'capturing';
}

export function trayTooltip(s: TrayState): string {
  const parts = [`LLM Inspector — proxy ${s.proxyUrl.replace(/^http:\/\//, '')}`];
  if (s.pausedReason !== null) parts.push(`capture paused: ${s.pausedReason}`);
  else parts.push(s.capturing ? 'capturing' : 'capture off');
  if (s.systemProxy?.enabled) parts.push(s.systemProxy.pointsHere ? 'system proxy on' : 'system proxy points elsewhere');
  return parts.join(' · ');
}

export function trayMenu(s: TrayState): TrayItem[] {
  const sep = { type: 'separator' } as const;
  const item = (label: string, action: TrayAction | null, extra: { enabled?: boolean; toolTip?: string } = {}): TrayItem => ({
    type: 'normal',
    label,
    enabled: extra.enabled ?? action !== null,
    action,
    ...(extra.toolTip ? { toolTip: extra.toolTip } : {}),
  });
  const items: TrayItem[] = [
    s.windowVisible ? item('Hide LLM Inspector', { kind: 'hide-window' }) : item('Open LLM Inspector', { kind: 'open-window' }),
    sep,
    { type: 'checkbox', label: 'Capture traffic', enabled: true, checked: s.capturing, action: { kind: 'set-capture', enabled: !s.capturing } },
  ];
  if (s.pausedReason !== null) items.push(item(`⚠ Capture paused: ${truncate(s.pausedReason, 60)}`, { kind: 'open-view', view: 'settings' }));
  items.push(systemProxyItem(s));
  items.push(
    sep,
    item('Open an intercepted terminal', { kind: 'intercept-terminal' }),
    {
      type: 'submenu',
      label: 'Copy terminal setup',
      enabled: true,
      items: envShells(s.platform).map(([shell, label]) => item(label, { kind: 'copy-env', shell })),
    },
    item('Set up HTTPS (CA certificate)…', { kind: 'open-view', view: 'setup' }),
    sep,
    errorsMenu(s.recentErrors),
    sep,
    item('Quit LLM Inspector', { kind: 'quit' }),
  );
  return items;
}

function systemProxyItem(s: TrayState): TrayItem {
  const sp = s.systemProxy;
  if (sp === null) return { type: 'normal', label: 'System proxy: checking…', enabled: false, action: null };
  if (!sp.supported) {
    return {
      type: 'normal',
      label: 'System proxy: not supported here (use the terminal setup)',
      enabled: false,
      action: null,
      ...(sp.note ? { toolTip: sp.note } : {}),
    };
  }
  const label = sp.enabled && !sp.pointsHere ? 'Use as system proxy (now set to another proxy)' : 'Use as system proxy';
  return { type: 'checkbox', label, enabled: true, checked: sp.enabled && sp.pointsHere, action: { kind: 'set-system-proxy', enabled: !(sp.enabled && sp.pointsHere) } };
}

function errorsMenu(errors: RecentError[]): TrayItem {
  if (errors.length === 0) return { type: 'normal', label: 'No recent errors', enabled: false, action: null };
  const shown = [...errors].sort((a, b) => b.at - a.at).slice(0, ERROR_ITEMS);
  return {
    type: 'submenu',
    label: `Recent errors (${errors.length})`,
    enabled: true,
    items: [
      ...shown.map((e): TrayItem => ({ type: 'normal', label: `${clock(e.at)}  ${truncate(e.label, 70)}`, enabled: true, action: { kind: 'open-exchange', id: e.id } })),
      { type: 'separator' },
      { type: 'normal', label: 'Clear', enabled: true, action: { kind: 'clear-errors' } },
    ],
  };
}

function envShells(platform: NodeJS.Platform): [Extract<TrayAction, { kind: 'copy-env' }>['shell'], string][] {
  return platform === 'win32'
    ? [['powershell', 'PowerShell'], ['cmd', 'Command Prompt'], ['bash', 'Git Bash / WSL']]
    : [['bash', 'bash / zsh'], ['fish', 'fish'], ['powershell', 'PowerShell']];
}

function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
