// GNOME keeps the system proxy in GSettings (org.gnome.system.proxy); apps using GIO/libproxy and Chromium read it.
import type { Cmd, GnomeState, ProxyBackend, ProxyState, ProxyTarget, Runner } from './proxy-types.js';

const SCHEMA = 'org.gnome.system.proxy';
const g = (...args: string[]): Cmd => ({ file: 'gsettings', args });

export function gnomeReadCommands(): Cmd[] {
  return [
    g('get', SCHEMA, 'mode'),
    g('get', `${SCHEMA}.http`, 'host'),
    g('get', `${SCHEMA}.http`, 'port'),
    g('get', `${SCHEMA}.https`, 'host'),
    g('get', `${SCHEMA}.https`, 'port'),
    g('get', SCHEMA, 'ignore-hosts'),
  ];
}

/** GVariant text for a string array: gsettings parses its value argument as GVariant. */
function gvStrings(list: string[]): string {
  return `[${list.map((s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

export function gnomeSetCommands(s: Omit<GnomeState, 'backend'>): Cmd[] {
  // mode last: clients see a complete manual configuration the moment it turns on
  return [
    g('set', `${SCHEMA}.http`, 'host', s.http.host),
    g('set', `${SCHEMA}.http`, 'port', String(s.http.port)),
    g('set', `${SCHEMA}.https`, 'host', s.https.host),
    g('set', `${SCHEMA}.https`, 'port', String(s.https.port)),
    g('set', SCHEMA, 'ignore-hosts', gvStrings(s.ignoreHosts)),
    g('set', SCHEMA, 'mode', s.mode),
  ];
}

/** Parses gsettings' printed GVariants: 'manual', 8080, uint32 8080, ['a', 'b'], @as []. */
export function parseGvString(out: string): string {
  const t = out.trim();
  const m = /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (!m) throw new Error(`unexpected gsettings string: ${t}`);
  return (m[1] ?? '').replace(/\\(.)/g, '$1');
}
export function parseGvInt(out: string): number {
  const m = /^(?:u?int\d+\s+)?(\d+)$/.exec(out.trim());
  if (!m) throw new Error(`unexpected gsettings number: ${out.trim()}`);
  return Number(m[1]);
}
export function parseGvStrings(out: string): string[] {
  const t = out.trim().replace(/^@as\s+/, '');
  if (!t.startsWith('[') || !t.endsWith(']')) throw new Error(`unexpected gsettings list: ${t}`);
  return [...t.slice(1, -1).matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1'));
}

export function parseGnomeState(outputs: string[]): GnomeState {
  const [mode = '', hh = '', hp = '', sh = '', sp = '', ign = ''] = outputs;
  return {
    backend: 'gnome',
    mode: parseGvString(mode),
    http: { host: parseGvString(hh), port: parseGvInt(hp) },
    https: { host: parseGvString(sh), port: parseGvInt(sp) },
    ignoreHosts: parseGvStrings(ign),
  };
}

async function runAll(run: Runner, cmds: Cmd[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of cmds) out.push(await run(c));
  return out;
}

export const gnomeBackend: ProxyBackend = {
  name: 'gnome',
  read: async (run) => parseGnomeState(await runAll(run, gnomeReadCommands())),
  enable: async (run, t: ProxyTarget) => {
    const hp = { host: t.host, port: t.port };
    await runAll(run, gnomeSetCommands({ mode: 'manual', http: hp, https: hp, ignoreHosts: t.bypass }));
  },
  restore: async (run, prev: ProxyState) => {
    if (prev.backend !== 'gnome') throw new Error(`saved state is for ${prev.backend}, not gnome`);
    await runAll(run, gnomeSetCommands(prev));
  },
  pointsAt: (s, t) => s.backend === 'gnome' && s.mode === 'manual' && s.https.host === t.host && s.https.port === t.port,
};
