// "Open an intercepted terminal": the plans for each OS as argument lists, and for real on Linux: a terminal emulator
// (a script standing in for x-terminal-emulator on a temp PATH) is started detached, runs our banner command, and the
// user's shell it ends in has the proxy and CA variables.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { interceptedEnv, launchTerminal, planTerminal, TerminalUnavailableError, type TerminalPlanInput } from '../../src-main/system/index.js';
import { addedVariables } from '../../src-main/system/terminal-launch.js';

const SHELL_ENV = { PATH: '/usr/bin:/bin', SHELL: '/bin/bash', HOME: '/home/u' };
const ENV = interceptedEnv(SHELL_ENV, { proxyUrl: 'http://127.0.0.1:8080', caPath: '/d/ca.pem', bundlePath: '/d/bundle.pem', preloadPath: '/app/proxy-preload.js' });
const input = (platform: NodeJS.Platform, tools: string[], extra: Partial<TerminalPlanInput> = {}): TerminalPlanInput => ({
  platform,
  env: ENV,
  has: (t) => tools.includes(t),
  shellEnv: SHELL_ENV,
  title: 'LLM Inspector',
  banner: "LLM Inspector: it's captured",
  scriptDir: '/data',
  ...extra,
});
const RUN_SHELL = ['/bin/sh', '-c', 'printf "%s\\n\\n" "$1"; exec "$2"', 'sh', "LLM Inspector: it's captured", '/bin/bash'];

test('Linux: the first terminal found, each with its own way to take a title and a command; they inherit the env', () => {
  const cases: [string, string[]][] = [
    ['x-terminal-emulator', ['-T', 'LLM Inspector', '-e', ...RUN_SHELL]],
    ['gnome-terminal', ['--title', 'LLM Inspector', '--', ...RUN_SHELL]],
    ['konsole', ['-p', 'tabtitle=LLM Inspector', '-e', ...RUN_SHELL]],
    ['xfce4-terminal', ['--title', 'LLM Inspector', '-x', ...RUN_SHELL]],
    ['kitty', ['--title', 'LLM Inspector', ...RUN_SHELL]],
    ['alacritty', ['--title', 'LLM Inspector', '-e', ...RUN_SHELL]],
    ['wezterm', ['start', '--', ...RUN_SHELL]],
    ['foot', ['--title', 'LLM Inspector', ...RUN_SHELL]],
    ['xterm', ['-T', 'LLM Inspector', '-e', ...RUN_SHELL]],
  ];
  for (const [tool, args] of cases) {
    const plan = planTerminal(input('linux', [tool, 'xterm']));
    assert.equal(plan.terminal, tool);
    assert.deepEqual([plan.file, ...plan.args], [tool, ...args], tool);
    assert.equal(plan.env, ENV);
    assert.equal(plan.script, null);
  }
  // preference order: x-terminal-emulator before gnome-terminal before xterm
  assert.equal(planTerminal(input('linux', ['xterm', 'gnome-terminal', 'x-terminal-emulator'])).terminal, 'x-terminal-emulator');
});

test('Linux: $TERMINAL wins when it exists; an unknown one gets -e', () => {
  const known = planTerminal(input('linux', ['kitty', 'xterm'], { shellEnv: { ...SHELL_ENV, TERMINAL: 'kitty' } }));
  assert.deepEqual([known.file, ...known.args], ['kitty', '--title', 'LLM Inspector', ...RUN_SHELL]);
  const own = planTerminal(input('linux', ['xterm'], { shellEnv: { ...SHELL_ENV, TERMINAL: '/opt/st/st' } }));
  assert.deepEqual([own.file, ...own.args], ['/opt/st/st', '-e', ...RUN_SHELL]);
  // named but not installed: the usual search
  assert.equal(planTerminal(input('linux', ['xterm'], { shellEnv: { ...SHELL_ENV, TERMINAL: 'ghostty' } })).terminal, 'xterm');
});

test('Linux with no terminal: an error naming what to install and the CLI ways that need none', () => {
  assert.throws(() => planTerminal(input('linux', [])), (err: Error) => {
    assert.ok(err instanceof TerminalUnavailableError);
    assert.match(err.message, /No terminal emulator found/);
    assert.match(err.message, /apt install xterm/);
    assert.match(err.message, /llm-inspector run -- <command>/);
    assert.match(err.message, /eval "\$\(llm-inspector env\)"/);
    return true;
  });
});

test('macOS: Terminal.app does not inherit our env, so a .command script exports the variables and execs the login shell', () => {
  const zsh = { ...SHELL_ENV, SHELL: '/bin/zsh' };
  const env = interceptedEnv(zsh, { proxyUrl: 'http://127.0.0.1:8080', caPath: '/d/ca.pem', bundlePath: '/d/bundle.pem', preloadPath: '/app/proxy-preload.js' });
  const plan = planTerminal(input('darwin', [], { shellEnv: zsh, env }));
  assert.equal(plan.terminal, 'Terminal.app');
  assert.deepEqual([plan.file, ...plan.args], ['open', '-a', 'Terminal', '/data/intercepted-terminal.command']);
  const content = plan.script?.content ?? '';
  assert.match(content, /^#!\/bin\/sh\n/);
  assert.match(content, /^export HTTPS_PROXY='http:\/\/127\.0\.0\.1:8080'$/m);
  assert.match(content, /^export NODE_EXTRA_CA_CERTS='\/d\/ca\.pem'$/m);
  assert.match(content, /^export SSL_CERT_FILE='\/d\/bundle\.pem'$/m);
  assert.match(content, /^printf '%s\\n\\n' 'LLM Inspector: it'\\''s captured'$/m);
  assert.match(content, /^exec '\/bin\/zsh' -l$/m);
  // only what the inspector adds: the user's own PATH and HOME are not frozen into the script
  assert.doesNotMatch(content, /export (PATH|HOME|SHELL)=/);
  assert.deepEqual(addedVariables(ENV, SHELL_ENV).map(([k]) => k).includes('PATH'), false);
});

test('Windows: cmd start opens a new console that inherits the env; PowerShell when present', () => {
  const ps = planTerminal(input('win32', ['powershell.exe'], { shellEnv: { ...SHELL_ENV, ComSpec: 'C:\\Windows\\system32\\cmd.exe' } }));
  assert.equal(ps.terminal, 'PowerShell');
  assert.equal(ps.file, 'C:\\Windows\\system32\\cmd.exe');
  assert.equal(ps.windowsVerbatimArguments, true);
  // the apostrophe in the banner would end PowerShell's string: it is dropped
  assert.deepEqual(ps.args, ['/d', '/c', `start "LLM Inspector" powershell.exe -NoExit -Command "Write-Host 'LLM Inspector: it s captured'"`]);
  const cmd = planTerminal(input('win32', []));
  assert.equal(cmd.terminal, 'Command Prompt');
  assert.deepEqual([cmd.file, ...cmd.args], ['cmd.exe', '/d', '/c', 'start "LLM Inspector" cmd.exe /k echo LLM Inspector: it s captured']);
});

test('for real: the launcher starts the terminal detached; the shell it ends in has the proxy and CA variables', { skip: process.platform !== 'linux' ? 'POSIX shell scripts' : false, timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-term-'));
  try {
    const argvFile = join(dir, 'argv.txt');
    const envFile = join(dir, 'env.txt');
    // the "terminal": records its argv, then runs the command after -e as a real one would (without a window)
    writeFileSync(join(dir, 'x-terminal-emulator'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\nwhile [ "$1" != "-e" ]; do shift; done; shift\nexec "$@" > '${dir}/banner.txt'\n`);
    // the "user's shell": records the environment it was given
    writeFileSync(join(dir, 'fake-shell'), `#!/bin/sh\nenv > '${envFile}.tmp' && mv '${envFile}.tmp' '${envFile}'\n`);
    chmodSync(join(dir, 'x-terminal-emulator'), 0o755);
    chmodSync(join(dir, 'fake-shell'), 0o755);
    const shellEnv = { PATH: `${dir}:/usr/bin:/bin`, SHELL: join(dir, 'fake-shell'), HOME: dir };
    const env = interceptedEnv(shellEnv, { proxyUrl: 'http://127.0.0.1:18080', caPath: '/d/ca.pem', bundlePath: '/d/bundle.pem', preloadPath: '/app/proxy-preload.js' });
    const plan = planTerminal({ platform: 'linux', env, has: (t) => existsSync(join(dir, t)), shellEnv, title: 'LLM Inspector', banner: 'LLM Inspector: captured', scriptDir: dir });
    const started = await launchTerminal(plan);
    assert.equal(started.terminal, 'x-terminal-emulator');
    assert.equal(typeof started.pid, 'number');
    const deadline = Date.now() + 10_000;
    while (!existsSync(envFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const got = Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.equal(got['HTTPS_PROXY'], 'http://127.0.0.1:18080');
    assert.equal(got['HTTP_PROXY'], 'http://127.0.0.1:18080');
    assert.equal(got['NODE_EXTRA_CA_CERTS'], '/d/ca.pem');
    assert.equal(got['SSL_CERT_FILE'], '/d/bundle.pem');
    assert.equal(got['NO_PROXY'], 'localhost,127.0.0.1,::1');
    assert.match(got['NODE_OPTIONS'] ?? '', /--import="file:\/\/\/app\/proxy-preload\.js"/);
    assert.deepEqual(readFileSync(argvFile, 'utf8').split('\n').slice(0, 3), ['-T', 'LLM Inspector', '-e']);
    assert.equal(readFileSync(join(dir, 'banner.txt'), 'utf8'), 'LLM Inspector: captured\n\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('for real: a terminal binary that vanished is a clear error, not a silent nothing', async () => {
  const plan = planTerminal(input('linux', ['xterm']));
  await assert.rejects(launchTerminal({ ...plan, file: '/nonexistent/xterm' }), /xterm could not be started: \/nonexistent\/xterm was not found.*llm-inspector run/);
});

test('for real: the macOS script is written 0700 before the spawn', { skip: process.platform === 'win32' ? 'file modes' : false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-term-'));
  try {
    const plan = planTerminal(input('darwin', [], { scriptDir: join(dir, 'data') }));
    // `open` is not on Linux: run `true` in its place, so only the script writing is exercised
    await launchTerminal({ ...plan, file: 'true' });
    const path = join(dir, 'data', 'intercepted-terminal.command');
    assert.equal(statSync(path).mode & 0o777, 0o700);
    assert.equal(readFileSync(path, 'utf8'), plan.script?.content);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
