import { z } from 'zod';
import { resolveDataDir } from '../config/index.js';
import { DEFAULT_BYPASS, ProxyUnsupportedError, SystemProxy } from '../system/index.js';
import { CliError } from './cli-error.js';
import { readRuntimeFile } from './runtime-file.js';

export const SystemProxyFlagsSchema = z.object({
  action: z.enum(['on', 'off', 'status']),
  dataDir: z.string().min(1).optional(),
});
export type SystemProxyFlags = z.infer<typeof SystemProxyFlagsSchema>;

function open(dataDir: string): SystemProxy {
  try {
    return new SystemProxy({ dataDir });
  } catch (err) {
    if (err instanceof ProxyUnsupportedError) throw new CliError(err.message);
    throw err;
  }
}

/** `llm-inspector system-proxy on|off|status`: on points the OS at the running inspector; off restores what was there. */
export async function systemProxyCommand(flags: SystemProxyFlags): Promise<void> {
  const layout = resolveDataDir(flags.dataDir);
  const sp = open(layout.root);
  if (flags.action === 'on') {
    const running = readRuntimeFile(layout.root);
    if (!running) throw new CliError(`no inspector is running for ${layout.root}; start one first: llm-inspector serve${flags.dataDir ? ` --data-dir ${layout.root}` : ''}`);
    // a proxy left by an inspector that died is undone first, so its settings are not saved as "the user's"
    await sp.recoverIfCrashed();
    const u = new URL(running.proxyUrl);
    await sp.on({ host: u.hostname, port: Number(u.port), bypass: DEFAULT_BYPASS }, running.pid);
    process.stdout.write(`system proxy (${sp.backend.name}) → ${u.host}; the previous settings are saved, undo with: llm-inspector system-proxy off\n`);
    return;
  }
  if (flags.action === 'off') {
    const restored = await sp.off();
    process.stdout.write(restored ? `system proxy (${sp.backend.name}) restored to the settings from before\n` : `system proxy (${sp.backend.name}): nothing to restore, it was not turned on by LLM Inspector\n`);
    return;
  }
  const s = await sp.status();
  const ownerAlive = s.saved ? readRuntimeFile(layout.root)?.pid === s.saved.ownerPid : false;
  const state = s.ours ? (ownerAlive ? 'on (this inspector)' : 'on, but the inspector that set it is gone: run llm-inspector system-proxy off') : 'off';
  process.stdout.write(`system proxy (${s.backend}): ${state}\n${JSON.stringify(s.current)}\n`);
}
