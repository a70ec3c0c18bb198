/** An error the CLI prints as one line (what went wrong, what to do) before exiting non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function oneLine(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') return `${e.message}: another program holds that port; pick another with --proxy-port / --ui-port.`;
  if (e?.code === 'EACCES') return `${e.message}: permission denied; choose a port above 1024 or a data dir you can write (--data-dir).`;
  return String(e?.message ?? err).replace(/\s*\n\s*/g, ' ');
}
