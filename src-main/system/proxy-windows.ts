// Windows: per-user WinINet settings in HKCU; programs only notice after InternetSetOption(SETTINGS_CHANGED, REFRESH).
import type { Cmd, ProxyBackend, ProxyState, ProxyTarget, Runner, WindowsState } from './proxy-types.js';

export const WIN_KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const VALUES = ['ProxyEnable', 'ProxyServer', 'ProxyOverride'] as const;

export function windowsReadCommands(): Cmd[] {
  return VALUES.map((v) => ({ file: 'reg', args: ['query', WIN_KEY, '/v', v] }));
}

/** `reg query` prints "    ProxyServer    REG_SZ    127.0.0.1:8080"; a missing value makes reg fail (read as null). */
export function parseRegValue(out: string, name: string): string | null {
  const m = new RegExp(`^[ \\t]*${name}[ \\t]+REG_\\w+[ \\t]*(.*)$`, 'mi').exec(out);
  return m ? (m[1] ?? '').trim() : null;
}

export function parseWindowsState(outputs: (string | null)[]): WindowsState {
  const [en, server, override] = outputs;
  const enable = en == null ? null : parseRegValue(en, 'ProxyEnable');
  return {
    backend: 'windows',
    proxyEnable: enable != null && Number(enable) === 1,
    proxyServer: server == null ? null : parseRegValue(server, 'ProxyServer'),
    proxyOverride: override == null ? null : parseRegValue(override, 'ProxyOverride'),
  };
}

/** PowerShell that tells WinINet (and so Edge, Chrome and .NET) that the settings changed: options 39 then 37. */
export const WININET_NOTIFY_PS = [
  "$sig = '[DllImport(\"wininet.dll\", SetLastError = true)] public static extern bool InternetSetOption(IntPtr h, int o, IntPtr b, int l);'",
  '$t = Add-Type -MemberDefinition $sig -Name WinInet -Namespace LlmInspector -PassThru',
  '$t::InternetSetOption([IntPtr]::Zero, 39, [IntPtr]::Zero, 0) | Out-Null',
  '$t::InternetSetOption([IntPtr]::Zero, 37, [IntPtr]::Zero, 0) | Out-Null',
].join('; ');

const add = (name: string, type: string, data: string): Cmd => ({ file: 'reg', args: ['add', WIN_KEY, '/v', name, '/t', type, '/d', data, '/f'] });
const del = (name: string): Cmd => ({ file: 'reg', args: ['delete', WIN_KEY, '/v', name, '/f'] });

export function windowsSetCommands(s: Omit<WindowsState, 'backend'>): Cmd[] {
  return [
    s.proxyServer == null ? del('ProxyServer') : add('ProxyServer', 'REG_SZ', s.proxyServer),
    s.proxyOverride == null ? del('ProxyOverride') : add('ProxyOverride', 'REG_SZ', s.proxyOverride),
    add('ProxyEnable', 'REG_DWORD', s.proxyEnable ? '1' : '0'),
    { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', WININET_NOTIFY_PS] },
  ];
}

/** WinINet's bypass list: ';'-separated, and <local> for plain host names. */
export function windowsOverride(bypass: string[]): string {
  return [...bypass, '<local>'].join(';');
}

async function runAll(run: Runner, cmds: Cmd[]): Promise<void> {
  // deleting a value that does not exist fails and is fine: it is already absent
  for (const c of cmds) await run(c).catch((err: unknown) => (c.args[0] === 'delete' ? '' : Promise.reject(err)));
}

export const windowsBackend: ProxyBackend = {
  name: 'windows',
  read: async (run) => parseWindowsState(await Promise.all(windowsReadCommands().map((c) => run(c).catch(() => null)))),
  enable: (run, t: ProxyTarget) => runAll(run, windowsSetCommands({ proxyEnable: true, proxyServer: `${t.host}:${t.port}`, proxyOverride: windowsOverride(t.bypass) })),
  restore: async (run, prev: ProxyState) => {
    if (prev.backend !== 'windows') throw new Error(`saved state is for ${prev.backend}, not windows`);
    await runAll(run, windowsSetCommands(prev));
  },
  pointsAt: (s, t) => s.backend === 'windows' && s.proxyEnable && (s.proxyServer ?? '').includes(`${t.host}:${t.port}`),
};
