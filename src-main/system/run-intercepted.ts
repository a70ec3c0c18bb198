import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface RunResult {
  /** The child's exit code, or 128 + signal number when a signal ended it (the shell convention). */
  exitCode: number;
  signal: NodeJS.Signals | null;
}

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/**
 * Runs a command with the terminal attached and the given environment. Signals sent to us are passed on to the child
 * (so `kill` on the wrapper stops the program, and Ctrl-C is not handled twice); we end when the child ends.
 */
export function runIntercepted(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const handlers = FORWARDED.map((sig) => {
      const h = (): void => {
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      process.on(sig, h);
      return [sig, h] as const;
    });
    const unhook = (): void => handlers.forEach(([sig, h]) => process.off(sig, h));
    child.once('error', (err: NodeJS.ErrnoException) => {
      unhook();
      reject(err.code === 'ENOENT' ? new Error(`command not found: ${command}`) : err);
    });
    child.once('exit', (code, signal) => {
      unhook();
      const signo = signal ? (constants.signals as Record<string, number>)[signal] ?? 0 : 0;
      resolve({ exitCode: code ?? 128 + signo, signal });
    });
  });
}
