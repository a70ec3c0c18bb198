// macOS: the proxy is per network service (Wi-Fi, Ethernet, …); networksetup reads and sets each one.
import type { Cmd, MacServiceState, MacState, ProxyBackend, ProxyState, ProxyTarget, Runner } from './proxy-types.js';

const ns = (...args: string[]): Cmd => ({ file: '/usr/sbin/networksetup', args });

export const macListServicesCommand = (): Cmd => ns('-listallnetworkservices');

/** The first line is a notice; a leading '*' marks a disabled service, which is left alone. */
export function parseMacServices(out: string): string[] {
  return out.split(/\r?\n/).slice(1).map((l) => l.trim()).filter((l) => l && !l.startsWith('*'));
}

export function macReadCommands(service: string): Cmd[] {
  return [ns('-getwebproxy', service), ns('-getsecurewebproxy', service), ns('-getproxybypassdomains', service)];
}

/** "Enabled: Yes\nServer: 127.0.0.1\nPort: 8080\nAuthenticated Proxy Enabled: 0" */
export function parseMacProxy(out: string): { enabled: boolean; host: string; port: number } {
  const field = (k: string): string => new RegExp(`^${k}:[ \\t]*(.*)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  return { enabled: /^yes$/i.test(field('Enabled')), host: field('Server'), port: Number(field('Port')) || 0 };
}

/** One domain a line, or "There aren't any bypass domains set on Wi-Fi." */
export function parseMacBypass(out: string): string[] {
  if (/aren't any bypass domains/i.test(out)) return [];
  return out.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

export function macSetCommands(s: MacServiceState): Cmd[] {
  const onOff = (b: boolean): string => (b ? 'on' : 'off');
  const cmds: Cmd[] = [];
  // -setwebproxy also switches the proxy on, so a disabled one with no server is only switched off
  if (s.web.host) cmds.push(ns('-setwebproxy', s.service, s.web.host, String(s.web.port)));
  cmds.push(ns('-setwebproxystate', s.service, onOff(s.web.enabled)));
  if (s.secureWeb.host) cmds.push(ns('-setsecurewebproxy', s.service, s.secureWeb.host, String(s.secureWeb.port)));
  cmds.push(ns('-setsecurewebproxystate', s.service, onOff(s.secureWeb.enabled)));
  // "Empty" is networksetup's word for clearing the list
  cmds.push(ns('-setproxybypassdomains', s.service, ...(s.bypass.length ? s.bypass : ['Empty'])));
  return cmds;
}

async function runAll(run: Runner, cmds: Cmd[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of cmds) out.push(await run(c));
  return out;
}

export const macBackend: ProxyBackend = {
  name: 'macos',
  read: async (run): Promise<MacState> => {
    const services = parseMacServices(await run(macListServicesCommand()));
    const states: MacServiceState[] = [];
    for (const service of services) {
      const [web = '', secure = '', bypass = ''] = await runAll(run, macReadCommands(service));
      states.push({ service, web: parseMacProxy(web), secureWeb: parseMacProxy(secure), bypass: parseMacBypass(bypass) });
    }
    return { backend: 'macos', services: states };
  },
  enable: async (run, t: ProxyTarget) => {
    const p = { enabled: true, host: t.host, port: t.port };
    for (const service of parseMacServices(await run(macListServicesCommand()))) {
      await runAll(run, macSetCommands({ service, web: p, secureWeb: p, bypass: t.bypass }));
    }
  },
  restore: async (run, prev: ProxyState) => {
    if (prev.backend !== 'macos') throw new Error(`saved state is for ${prev.backend}, not macos`);
    for (const s of prev.services) await runAll(run, macSetCommands(s));
  },
  pointsAt: (s, t) => s.backend === 'macos' && s.services.some((x) => x.secureWeb.enabled && x.secureWeb.host === t.host && x.secureWeb.port === t.port),
};
