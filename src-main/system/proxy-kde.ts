// KDE Plasma keeps the proxy in kioslaverc [Proxy Settings]; KIO re-reads it when told over D-Bus.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Cmd, KdeState, ProxyBackend, ProxyState, ProxyTarget, Runner } from './proxy-types.js';

export type KdeVersion = 5 | 6;
const KEYS = ['ProxyType', 'httpProxy', 'httpsProxy', 'NoProxyFor'] as const;

const cfg = (v: KdeVersion, tool: 'kreadconfig' | 'kwriteconfig', key: string, value?: string): Cmd => ({
  file: `${tool}${v}`,
  args: ['--file', 'kioslaverc', '--group', 'Proxy Settings', '--key', key, ...(value === undefined ? [] : [value])],
});

export function kdeReadCommands(v: KdeVersion): Cmd[] {
  return KEYS.map((k) => cfg(v, 'kreadconfig', k));
}

export function kdeSetCommands(v: KdeVersion, s: Omit<KdeState, 'backend'>): Cmd[] {
  return [
    cfg(v, 'kwriteconfig', 'httpProxy', s.httpProxy),
    cfg(v, 'kwriteconfig', 'httpsProxy', s.httpsProxy),
    cfg(v, 'kwriteconfig', 'NoProxyFor', s.noProxyFor),
    cfg(v, 'kwriteconfig', 'ProxyType', s.proxyType),
    // running KIO programs keep their old copy of the settings until this signal
    { file: 'dbus-send', args: ['--type=signal', '/KIO/Scheduler', 'org.kde.KIO.Scheduler.reparseSlaveConfiguration', 'string:'] },
  ];
}

/** kioslaverc writes a manual proxy as "http://host port" (space, not colon). */
export function kdeProxyValue(host: string, port: number): string {
  return `http://${host} ${port}`;
}

export function parseKdeState(outputs: string[]): KdeState {
  const [proxyType = '', httpProxy = '', httpsProxy = '', noProxyFor = ''] = outputs.map((o) => o.trim());
  return { backend: 'kde', proxyType: proxyType || '0', httpProxy, httpsProxy, noProxyFor };
}

const version = (): KdeVersion => ((process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'kwriteconfig6'))) ? 6 : 5);

async function runAll(run: Runner, cmds: Cmd[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of cmds) out.push(await run(c).catch((err: unknown) => (c.file === 'dbus-send' ? '' : Promise.reject(err))));
  return out;
}

export const kdeBackend: ProxyBackend = {
  name: 'kde',
  read: async (run) => parseKdeState(await runAll(run, kdeReadCommands(version()))),
  enable: async (run, t: ProxyTarget) => {
    const p = kdeProxyValue(t.host, t.port);
    await runAll(run, kdeSetCommands(version(), { proxyType: '1', httpProxy: p, httpsProxy: p, noProxyFor: t.bypass.join(',') }));
  },
  restore: async (run, prev: ProxyState) => {
    if (prev.backend !== 'kde') throw new Error(`saved state is for ${prev.backend}, not kde`);
    await runAll(run, kdeSetCommands(version(), prev));
  },
  pointsAt: (s, t) => s.backend === 'kde' && s.proxyType === '1' && s.httpsProxy.replace(':', ' ').endsWith(`${t.host} ${t.port}`),
};
