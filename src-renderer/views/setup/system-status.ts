import { useCallback, useEffect, useState } from 'react';
import type { CaTargetResult, ServiceEvent, SystemProxyStatus, SystemStatus } from '../../../src-main/contract/index.js';
import { useCommand, useServiceEvents } from '../../app/client-context.js';

const BACKEND_NAMES: Record<NonNullable<SystemProxyStatus['backend']>, string> = {
  gnome: 'GNOME settings',
  kde: 'KDE settings',
  macos: 'macOS network services',
  windows: 'Windows internet settings',
};

/** One line for the system proxy switch: where it points, in words. */
export function proxySummary(p: SystemProxyStatus): string {
  if (!p.supported) return p.reason ?? 'Not supported on this system.';
  const where = p.backend ? BACKEND_NAMES[p.backend] : 'system settings';
  if (p.reason) return `${where}: ${p.reason}`;
  if (p.ours) return `On (${where}): programs that use the system proxy go through this inspector at ${p.target}.`;
  if (p.enabled) return `Off for this inspector: ${where} point at another proxy. Turning it on saves those settings and puts them back when you turn it off or quit.`;
  return `Off (${where}). Turning it on saves your current settings and puts them back when you turn it off or quit.`;
}

/** What a per-store result says beside its row. */
export function resultText(r: CaTargetResult, action: 'install' | 'uninstall'): string {
  if (r.ok) return action === 'install' ? 'Installed.' : 'Removed.';
  return `Failed: ${r.error ?? 'unknown error'}`;
}

/** The latest `system.changed` in a batch, if any: the tray or another window changed something. */
export function latestSystemChange(batch: readonly ServiceEvent[]): SystemStatus | null {
  let last: SystemStatus | null = null;
  for (const e of batch) if (e.event === 'system.changed') last = e.data;
  return last;
}

export interface SystemStatusState {
  status: SystemStatus | null;
  error: Error | null;
  /** an action's answer carries the new state: shown at once, without asking again */
  set(status: SystemStatus): void;
  reload(): void;
}

/** system.status while the desktop shell offers it (null input: not asked), kept current by `system.changed`. */
export function useSystemStatus(enabled: boolean): SystemStatusState {
  const cmd = useCommand('system.status', enabled ? {} : null);
  const [status, setStatus] = useState<SystemStatus | null>(null);
  useEffect(() => {
    if (cmd.data) setStatus(cmd.data);
  }, [cmd.data]);
  useServiceEvents((batch) => {
    const next = latestSystemChange(batch);
    if (next && enabled) setStatus(next);
  });
  const set = useCallback((s: SystemStatus) => setStatus(s), []);
  return { status, error: cmd.error, set, reload: cmd.reload };
}
