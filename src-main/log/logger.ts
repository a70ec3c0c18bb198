import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface LoggerOptions {
  /** append every line here (the app log in the data dir) */
  file?: string | null;
  /** lines at or above this level also go to stderr */
  consoleLevel?: LogLevel | 'silent';
  fileLevel?: LogLevel;
}

/** One line per event, to the app log and (for warnings and errors) the terminal. Logging never throws. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const consoleMin = opts.consoleLevel === 'silent' ? Infinity : ORDER[opts.consoleLevel ?? 'warn'];
  const fileMin = ORDER[opts.fileLevel ?? 'info'];
  const write = (level: LogLevel, msg: string) => {
    const n = ORDER[level];
    if (n >= consoleMin) process.stderr.write(`${level === 'info' ? '' : `${level}: `}${msg}\n`);
    if (opts.file && n >= fileMin) {
      try {
        appendFileSync(opts.file, `${new Date().toISOString()} ${level} ${msg}\n`);
      } catch {
        // a full or read-only disk must not take the proxy down with it
      }
    }
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
