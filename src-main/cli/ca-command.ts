import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { loadOrCreateCa, regenerateCa } from '../ca/index.js';
import { resolveDataDir } from '../config/index.js';
import { CliError } from './cli-error.js';
import { readRuntimeFile } from './runtime-file.js';

export const CaExportFlagsSchema = z.object({
  format: z.enum(['pem', 'der', 'p12']).default('pem'),
  out: z.string().min(1).optional(),
  password: z.string().default(''),
  dataDir: z.string().min(1).optional(),
});
export type CaExportFlags = z.infer<typeof CaExportFlagsSchema>;

export async function caPathCommand(dataDir: string | undefined): Promise<void> {
  const layout = resolveDataDir(dataDir);
  const ca = await loadOrCreateCa(layout.caDir);
  process.stdout.write(`${ca.certPath}\n`);
}

/** Exports the certificate only: the CA's private key never leaves the data dir. */
export async function caExportCommand(flags: CaExportFlags): Promise<void> {
  const layout = resolveDataDir(flags.dataDir);
  const ca = await loadOrCreateCa(layout.caDir);
  const body: string | Buffer =
    flags.format === 'pem' ? ca.exportPem() : flags.format === 'der' ? ca.exportDer() : ca.exportP12(flags.password);
  if (flags.out) {
    writeFileSync(flags.out, body);
    process.stderr.write(`wrote ${flags.format.toUpperCase()} certificate to ${flags.out}\n`);
    return;
  }
  if (typeof body !== 'string' && process.stdout.isTTY) {
    throw new CliError(`refusing to print binary ${flags.format.toUpperCase()} to a terminal; add --out <file>`);
  }
  process.stdout.write(body);
}

export async function caRegenerateCommand(dataDir: string | undefined): Promise<void> {
  const layout = resolveDataDir(dataDir);
  const ca = await regenerateCa(layout.caDir);
  const info = ca.info();
  process.stdout.write(`new CA ${info.subject}\n  sha256 ${info.fingerprintSha256}\n  ${ca.certPath}\n`);
  process.stderr.write('Clients that trusted the old CA must trust this one instead (llm-inspector ca export).\n');
  if (readRuntimeFile(layout.root)) process.stderr.write('A running inspector still uses the old CA: restart it.\n');
}
