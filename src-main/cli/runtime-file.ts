import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const RuntimeFileSchema = z.object({ pid: z.number().int(), proxyUrl: z.string(), uiUrl: z.string().nullable(), caPath: z.string() });
export type RuntimeFile = z.infer<typeof RuntimeFileSchema>;

/** `serve` leaves a note of where it listens, so `llm-inspector env` in another terminal prints the right port. */
export function writeRuntimeFile(dataDir: string, info: RuntimeFile): void {
  writeFileSync(join(dataDir, 'runtime.json'), JSON.stringify(info), { mode: 0o600 });
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(join(dataDir, 'runtime.json'), { force: true });
}

/** The running instance's note, if that process is still alive. */
export function readRuntimeFile(dataDir: string): RuntimeFile | null {
  const p = join(dataDir, 'runtime.json');
  if (!existsSync(p)) return null;
  try {
    const info = RuntimeFileSchema.parse(JSON.parse(readFileSync(p, 'utf8')));
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
