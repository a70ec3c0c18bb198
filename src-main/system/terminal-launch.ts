// "Intercept a terminal": start a terminal window whose shell has the intercepted environment, so every program run in
// it is captured without any system-wide change. Choosing the terminal and its arguments is pure (tested as data);
// launching is one detached spawn.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TerminalPlanInput {
  platform: NodeJS.Platform;
  /** the environment the terminal's shell should have (interceptedEnv's result) */
  env: NodeJS.ProcessEnv;
  /** whether a program is on PATH */
  has: (tool: string) => boolean;
  /** the user's own environment: $SHELL, $TERMINAL, %ComSpec%, and what the intercepted env adds to it */
  shellEnv: NodeJS.ProcessEnv;
  /** window title and banner text */
  title: string;
  /** one line printed in the new terminal, saying where its traffic goes */
  banner: string;
  /** where the macOS launcher script is written (the data dir) */
  scriptDir: string;
}

export interface TerminalPlan {
  /** the terminal, for people ("gnome-terminal", "Terminal.app") */
  terminal: string;
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** a file to write (0700) before spawning; macOS only */
  script: { path: string; content: string } | null;
  /** Windows: the arguments are already one command line (cmd's `start` has its own quoting rules) */
  windowsVerbatimArguments: boolean;
}

export class TerminalUnavailableError extends Error {}

/** Linux terminals in order of preference after $TERMINAL, each with how it takes a title and a command to run. */
const LINUX_TERMINALS: { name: string; argv: (title: string, cmd: string[]) => string[] }[] = [
  // Debian's alternative; policy requires `-e cmd args…` and `-T title`
  { name: 'x-terminal-emulator', argv: (t, c) => ['-T', t, '-e', ...c] },
  { name: 'gnome-terminal', argv: (t, c) => ['--title', t, '--', ...c] },
  { name: 'konsole', argv: (t, c) => ['-p', `tabtitle=${t}`, '-e', ...c] },
  { name: 'xfce4-terminal', argv: (t, c) => ['--title', t, '-x', ...c] },
  { name: 'kitty', argv: (t, c) => ['--title', t, ...c] },
  { name: 'alacritty', argv: (t, c) => ['--title', t, '-e', ...c] },
  { name: 'wezterm', argv: (_t, c) => ['start', '--', ...c] },
  { name: 'foot', argv: (t, c) => ['--title', t, ...c] },
  { name: 'xterm', argv: (t, c) => ['-T', t, '-e', ...c] },
];

export const LINUX_TERMINAL_NAMES = LINUX_TERMINALS.map((t) => t.name);

const FALLBACK_HINT = 'or, without a new window: llm-inspector run -- <command>, or in your own shell: eval "$(llm-inspector env)"';

/** POSIX single quotes: the one quoting that needs no escaping inside, except of the quote itself. */
export function shQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * The shell the new window runs: prints the banner, then becomes the user's shell. The banner travels as "$1", never
 * spliced into the script, so nothing in it can run.
 */
function posixShellCommand(shell: string, banner: string): string[] {
  return ['/bin/sh', '-c', 'printf "%s\\n\\n" "$1"; exec "$2"', 'sh', banner, shell];
}

/** The variables the intercepted env adds or changes, in a stable order: what the macOS script must export. */
export function addedVariables(env: NodeJS.ProcessEnv, base: NodeJS.ProcessEnv): [string, string][] {
  return Object.entries(env)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && base[e[0]] !== e[1])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function planTerminal(input: TerminalPlanInput): TerminalPlan {
  const { platform, env, has, shellEnv, title, banner } = input;
  if (platform === 'darwin') {
    // Terminal.app is started by launchd, not by us: it never sees our environment. A .command file is what it opens
    // and runs in a new window, so the variables go in there.
    const path = join(input.scriptDir, 'intercepted-terminal.command');
    const shell = shellEnv.SHELL || '/bin/zsh';
    const content = [
      '#!/bin/sh',
      '# Written by LLM Inspector: a terminal whose programs send their HTTP(S) through the inspector.',
      ...addedVariables(env, shellEnv).map(([k, v]) => `export ${k}=${shQuote(v)}`),
      `printf '%s\\n\\n' ${shQuote(banner)}`,
      `exec ${shQuote(shell)} -l`,
      '',
    ].join('\n');
    return { terminal: 'Terminal.app', file: 'open', args: ['-a', 'Terminal', path], env, script: { path, content }, windowsVerbatimArguments: false };
  }
  if (platform === 'win32') {
    // `start` opens a new console window that inherits our environment. Windows Terminal (wt.exe) is not used: a
    // running instance opens the tab in its own process and environment, so the variables would be lost.
    const comspec = shellEnv.ComSpec || 'cmd.exe';
    // the banner is printed by the shell, so only characters with no meaning to cmd or PowerShell are kept
    const safe = banner.replace(/[^\w .,:/\\@=+-]/g, ' ');
    const inner = has('powershell.exe') ? `powershell.exe -NoExit -Command "Write-Host '${safe}'"` : `cmd.exe /k echo ${safe}`;
    const terminal = has('powershell.exe') ? 'PowerShell' : 'Command Prompt';
    return { terminal, file: comspec, args: ['/d', '/c', `start "${title.replace(/"/g, '')}" ${inner}`], env, script: null, windowsVerbatimArguments: true };
  }
  const cmd = posixShellCommand(shellEnv.SHELL || '/bin/sh', banner);
  const own = shellEnv.TERMINAL?.trim();
  // $TERMINAL is the user's explicit choice; most terminals (and i3-sensible-terminal) take `-e cmd args…`
  if (own && (own.includes('/') || has(own))) {
    const known = LINUX_TERMINALS.find((t) => t.name === own.split('/').pop());
    return { terminal: own, file: own, args: known ? known.argv(title, cmd) : ['-e', ...cmd], env, script: null, windowsVerbatimArguments: false };
  }
  const found = LINUX_TERMINALS.find((t) => has(t.name));
  if (!found) {
    throw new TerminalUnavailableError(
      `No terminal emulator found (looked for $TERMINAL, ${LINUX_TERMINAL_NAMES.join(', ')}). Install one (Debian/Ubuntu: sudo apt install xterm), set $TERMINAL, ${FALLBACK_HINT}.`,
    );
  }
  return { terminal: found.name, file: found.name, args: found.argv(title, cmd), env, script: null, windowsVerbatimArguments: false };
}

/**
 * Starts the planned terminal detached from us (it outlives the app, and its window is not our child to reap). Resolves
 * once the process exists, so a missing binary is reported rather than lost.
 */
export function launchTerminal(plan: TerminalPlan): Promise<{ terminal: string; pid: number | null }> {
  if (plan.script) {
    mkdirSync(join(plan.script.path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(plan.script.path, plan.script.content, { mode: 0o700 });
    // writeFile's mode applies only when it creates the file; an older one keeps its bits otherwise
    chmodSync(plan.script.path, 0o700);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(plan.file, plan.args, {
      env: plan.env,
      detached: true,
      stdio: 'ignore',
      windowsHide: false,
      windowsVerbatimArguments: plan.windowsVerbatimArguments,
    });
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new TerminalUnavailableError(err.code === 'ENOENT' ? `${plan.terminal} could not be started: ${plan.file} was not found. ${FALLBACK_HINT}.` : `${plan.terminal} could not be started: ${err.message}`)),
    );
    child.once('spawn', () => {
      child.unref();
      resolve({ terminal: plan.terminal, pid: child.pid ?? null });
    });
  });
}
