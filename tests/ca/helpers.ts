import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp dir removed after the test (node:test `after`/`t.after`). */
export async function tempDir(prefix = 'llmi-ca-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Collects log lines so tests can assert on the loud "re-trust" message. */
export function captureLog(): { lines: string[]; log: (msg: string) => void } {
  const lines: string[] = [];
  return { lines, log: (msg: string) => lines.push(msg) };
}

export const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;
export const DAY = 24 * 60 * 60 * 1000;
