import type { Command } from 'commander';
import { z } from 'zod';
import { loadOrCreateCa } from '../ca/index.js';
import { resolveDataDir } from '../config/index.js';
import { caTrustTargets, execRunner, type TrustTarget } from '../system/index.js';
import { CliError } from './cli-error.js';

const FlagsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  store: z.enum(['all', 'nss', 'system', 'keychain', 'windows-user']).default('all'),
});
type Flags = z.infer<typeof FlagsSchema>;

async function targets(flags: Flags): Promise<TrustTarget[]> {
  const layout = resolveDataDir(flags.dataDir);
  const ca = await loadOrCreateCa(layout.caDir);
  return caTrustTargets({ ca: { certPath: ca.certPath, certPem: ca.exportPem() }, run: execRunner }).filter((t) => flags.store === 'all' || t.kind === flags.store);
}

/** Each store is tried on its own: one that fails (a cancelled pkexec prompt) does not stop the others. */
async function each(flags: Flags, verb: string, act: (t: TrustTarget) => Promise<void>): Promise<void> {
  const list = await targets(flags);
  if (!list.length) throw new CliError(`no trust store found for --store ${flags.store} on this machine`);
  let failed = 0;
  for (const t of list) {
    if (t.unavailable) {
      process.stdout.write(`skip  ${t.label}: ${t.unavailable}\n`);
      continue;
    }
    try {
      await act(t);
      process.stdout.write(`${verb.padEnd(5)} ${t.label}\n`);
    } catch (err) {
      failed++;
      process.stdout.write(`fail  ${t.label}: ${String((err as Error).message).split('\n')[0]}\n`);
    }
  }
  if (failed) throw new CliError(`${failed} store(s) failed; see above`);
}

/** `ca trust`, `ca untrust`, `ca status`: under the existing `ca` command. */
export function registerCaTrustCommands(ca: Command): void {
  const flags = (c: Command): Command =>
    c.option('--store <store>', 'all, nss, system, keychain or windows-user', 'all').option('--data-dir <dir>');
  const parse = (opts: unknown): Flags => {
    const r = FlagsSchema.safeParse(opts);
    if (!r.success) throw new CliError(`invalid --store: ${r.error.issues[0]?.message ?? 'bad value'} (see --help)`, 2);
    return r.data;
  };
  flags(ca.command('trust').description('trust the CA in this machine\'s stores (browsers\' NSS, the system store, the keychain); may ask for a password'))
    .action((o: unknown) => each(parse(o), 'ok', (t) => t.install()));
  flags(ca.command('untrust').description('remove the CA from the stores it was trusted in'))
    .action((o: unknown) => each(parse(o), 'gone', (t) => t.uninstall()));
  flags(ca.command('status').description('is the CA trusted? one line per store'))
    .action(async (o: unknown) => {
      for (const t of await targets(parse(o))) {
        const state = t.unavailable ? `unknown (${t.unavailable})` : (await t.isTrusted()) ? 'trusted' : 'not trusted';
        process.stdout.write(`${t.label}: ${state}\n`);
      }
    });
}
