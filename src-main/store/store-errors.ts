/**
 * A write the store could not make. `code` is SQLite's extended code name (SQLITE_FULL, SQLITE_IOERR_WRITE…) or
 * STORE_ERROR; `hint` is one line for the user saying what to do. Plain data fields so it crosses a worker boundary.
 */
export class StoreWriteError extends Error {
  readonly code: string;
  readonly hint: string;
  constructor(code: string, message: string, hint: string) {
    super(message);
    this.name = 'StoreWriteError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): StoreWriteErrorInfo {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export interface StoreWriteErrorInfo {
  code: string;
  message: string;
  hint: string;
}

function sqliteCode(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return null;
}

export function hintFor(code: string, dbPath: string): string {
  const resumes = 'capture resumes by itself';
  if (code.startsWith('SQLITE_FULL')) return `The disk holding ${dbPath} is full: free space or lower retention; ${resumes}`;
  if (code.startsWith('SQLITE_READONLY'))
    return `${dbPath} is read-only: make the file and its folder writable (or remount the disk read-write); ${resumes}`;
  if (code.startsWith('SQLITE_IOERR')) return `Writing ${dbPath} failed with an I/O error: check the disk and free space; ${resumes}`;
  if (code.startsWith('SQLITE_CANTOPEN'))
    return `Cannot open ${dbPath}: check that its folder exists and is writable; ${resumes}`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return `${dbPath} is locked by another program (a second inspector?): close it; ${resumes}`;
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
    return `${dbPath} is damaged: quit, move the file aside and restart to begin a fresh store`;
  if (code.startsWith('SQLITE_NOMEM')) return `Out of memory while writing ${dbPath}: close other programs; ${resumes}`;
  return `Writing ${dbPath} failed (${code}): see the log; ${resumes} once the cause is fixed`;
}

/** Wraps whatever a write threw. Non-SQLite errors (bugs) keep their message under STORE_ERROR. */
export function toStoreWriteError(err: unknown, dbPath: string): StoreWriteError {
  if (err instanceof StoreWriteError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // better-sqlite3 checks the folder itself and throws a plain TypeError before SQLite is asked
  const code = sqliteCode(err) ?? (/directory does not exist/i.test(message) ? 'SQLITE_CANTOPEN' : 'STORE_ERROR');
  return new StoreWriteError(code, message, hintFor(code, dbPath));
}
