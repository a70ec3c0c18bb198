// File helpers shared by the CA and the leaf cache. Everything here is async so start-up and leaf misses never block
// the event loop on disk I/O.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';

const POSIX = process.platform !== 'win32';

/** Creates a private directory (0700). An existing one that is looser is tightened, because it holds key files. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (!POSIX) return;
  const st = await stat(dir);
  if ((st.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/**
 * Writes temp file + fsync + rename, so a crash mid-write never leaves a half-written PEM that would make the
 * next start fail to parse its CA (and silently mint a new one the user has not trusted).
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode: number, durable = true): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  // The mode is given at creation, so a private key is never readable by others even for an instant.
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    // Leaves skip the fsync (durable = false): a leaf lost in a crash is simply re-signed, and the handshake waits on it.
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    // A umask can strip bits from the creation mode (never add them), so set it exactly.
    if (POSIX) await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Tightens an existing secret file that someone made readable by group/others (e.g. copied with a loose umask). */
export async function ensureFileMode(path: string, mode: number): Promise<void> {
  if (!POSIX) return;
  const st = await stat(path);
  if ((st.mode & 0o777) !== mode) await chmod(path, mode);
}

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === 'ENOENT';
}
