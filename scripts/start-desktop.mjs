#!/usr/bin/env node
// `npm start`: runs the desktop app with the installed electron, fetching its binary on the first run. electron 45 has
// no install script and downloads lazily, printing the download's stack trace when it fails; here the download's output
// goes to a log and a failure is one line saying what to do. Arguments after `npm start --` reach the app
// (`--data-dir`, `--proxy-port`, `--ui-port`, `--hidden`). The app's exit code and signals pass through.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/** The binary's path, as electron's own index.js finds it, or null when it is not there yet. */
function installedBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const full = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  let installed = '';
  try {
    installed = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').replace(/^v/, '').trim();
  } catch {
    return null;
  }
  return existsSync(full) && installed === version ? full : null;
}

let binary = installedBinary();
if (binary === null) {
  const logDir = join(repoRoot, 'build');
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, 'electron-download.log');
  console.log(`Downloading Electron ${version} (first run only)…`);
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', env: process.env });
  writeFileSync(log, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  binary = installedBinary();
  if (r.status !== 0 || binary === null) {
    const reason = `${r.stderr ?? ''}`.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? 'unknown error';
    fail(`could not download Electron ${version} (${reason.slice(0, 160)}; details in ${log}). Check the network or set ELECTRON_MIRROR; meanwhile \`npm run serve\` runs the same inspector headless.`);
  }
}

const child = spawn(binary, [repoRoot, ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
child.on('error', (err) => fail(`could not start Electron (${err.message}).`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
