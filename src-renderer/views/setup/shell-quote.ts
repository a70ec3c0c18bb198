/** The two shell families the snippets are written for: sh/bash/zsh (also Git Bash, WSL) and PowerShell. */
export type ShellKind = 'posix' | 'powershell';

const POSIX_SAFE = /^[A-Za-z0-9_./:,@%+=-]+$/;

/** One word for sh: left bare when nothing in it is special, else single-quoted (a quote inside becomes '\''). */
export function quotePosix(value: string): string {
  // zsh expands a word starting with `=` (`=cmd` is the path of cmd), so that one is quoted too.
  if (value !== '' && POSIX_SAFE.test(value) && !value.startsWith('=')) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// PowerShell also treats the typographic single quotes as quotes, so a path pasted from a document can contain one.
const PS_QUOTES = /['\u2018\u2019\u201a\u201b]/g;
// `,` makes an array and a leading `@` or `-` a splat or a parameter, so those are quoted.
const PS_SAFE = /^[A-Za-z0-9_./:\\+=-]+$/;

/** A PowerShell string literal: single-quoted (no `$` or backtick expansion), each quote doubled. */
export function psString(value: string): string {
  return `'${value.replace(PS_QUOTES, '$&$&')}'`;
}

/** One command argument for PowerShell: bare when plain (Windows paths included), else a single-quoted literal. */
export function quotePowerShell(value: string): string {
  if (value !== '' && PS_SAFE.test(value) && !value.startsWith('-')) return value;
  return psString(value);
}

export function quoteArg(shell: ShellKind, value: string): string {
  return shell === 'powershell' ? quotePowerShell(value) : quotePosix(value);
}

/** Sets an environment variable for the rest of the session. */
export function envLine(shell: ShellKind, name: string, value: string): string {
  return shell === 'powershell' ? `$env:${name} = ${psString(value)}` : `export ${name}=${quotePosix(value)}`;
}

/** A reference to an environment variable inside a double-quoted string. */
export function envRef(shell: ShellKind, name: string): string {
  return shell === 'powershell' ? `$env:${name}` : `$${name}`;
}

/** Drive-letter or UNC paths mean the inspector runs on Windows, so PowerShell is the likelier shell. */
export function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

export function defaultShell(certPath: string, platform: string | null): ShellKind {
  return isWindowsPath(certPath) || platform === 'win32' ? 'powershell' : 'posix';
}
