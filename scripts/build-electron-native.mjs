#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI as a SEPARATE copy, leaving node_modules/better-sqlite3 built for Node (the
// tests, `serve` and the CLI load that one; a native addon can only be loaded by the ABI it was compiled for).
//
//   node scripts/build-electron-native.mjs                 build for the host arch (on macOS: x64 and arm64)
//   node scripts/build-electron-native.mjs --if-needed     skip when build/electron-native/stamp.json already matches
//   node scripts/build-electron-native.mjs --arch arm64    build for the given arch(es), comma-separated
//   … --header-url <url>                                    download Electron's headers from a mirror
//
// The installed package's sources (not its build/) are copied to build/electron-native/stage/node_modules/better-sqlite3
// and rebuilt there with @electron/rebuild for the installed electron version: it first tries the prebuilt binary that
// better-sqlite3 publishes for each Electron ABI (prebuild-install), then compiles with node-gyp against Electron's
// headers. Both need the network the first time. The result goes to build/electron-native/<arch>/better_sqlite3.node
// (packaged by electron-builder.yml as <resources>/native/better_sqlite3.node) and, for the host arch, to
// build/electron-native/better_sqlite3.node, which `npm start` loads. See scripts/electron-native-plan.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  MODULE, entriesToStage, installedVersions, nativePaths, nodeArchName, parseArgs, planBuilds, stagePackageJson,
} from './electron-native-plan.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TAG = 'build-electron-native:';

/** Prints the one line a failure is reported with and exits non-zero. */
function fail(message, code = 1) {
  console.error(`${TAG} ${message}`);
  process.exit(code);
}

/** First meaningful line of an error (node-gyp and fetch errors can be long and multi-line). */
function firstLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'unknown error').slice(0, 300);
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (err) {
  fail(firstLine(err), 2);
}
if (options.help) {
  console.log('usage: node scripts/build-electron-native.mjs [--if-needed] [--arch x64,arm64] [--header-url <url>]');
  process.exit(0);
}

const paths = nativePaths(repoRoot);
let versions;
try {
  versions = installedVersions(repoRoot);
} catch (err) {
  fail(firstLine(err));
}

const plan = planBuilds(paths, versions, process.platform, process.arch, options);
const todo = plan.filter((p) => p.build);
if (todo.length === 0) {
  // --if-needed and every addon matches its stamp: nothing to say beyond one quiet line
  console.log(`${TAG} up to date (better-sqlite3 ${versions.betterSqlite3} for Electron ${versions.electron}, ${plan.map((p) => p.arch).join(', ')})`);
  process.exit(0);
}

/** Fresh copy of the installed package's sources into the stage (never its build/: that is Node's ABI build). */
function stage() {
  rmSync(paths.stageDir, { recursive: true, force: true });
  mkdirSync(paths.stageModuleDir, { recursive: true });
  for (const entry of entriesToStage(readdirSync(paths.sourceModuleDir))) {
    cpSync(join(paths.sourceModuleDir, entry), join(paths.stageModuleDir, entry), { recursive: true });
  }
  writeFileSync(join(paths.stageDir, 'package.json'), JSON.stringify(stagePackageJson(versions.betterSqlite3), null, 2) + '\n');
}

let rebuild;
try {
  ({ rebuild } = await import('@electron/rebuild'));
} catch (err) {
  fail(`cannot load @electron/rebuild (${firstLine(err)}); it comes with electron-builder: run npm install`);
}

/**
 * Runs fn with everything written to stdout/stderr (node-gyp's and prebuild-install's output, which @electron/rebuild
 * prints on failure) collected instead of shown, so a failure is reported in one line with the details in a log file.
 * @template T @param {() => Promise<T>} fn @returns {Promise<{ ok: true, value: T, log: string } | { ok: false, error: unknown, log: string }>}
 */
async function quietly(fn) {
  const chunks = [];
  const saved = { out: process.stdout.write, err: process.stderr.write };
  const collect = (chunk, encoding, cb) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    if (typeof encoding === 'function') encoding();
    else if (typeof cb === 'function') cb();
    return true;
  };
  process.stdout.write = collect;
  process.stderr.write = collect;
  try {
    return { ok: true, value: await fn(), log: chunks.join('') };
  } catch (error) {
    return { ok: false, error, log: chunks.join('') };
  } finally {
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

/** What most likely went wrong, from the error and the collected output. */
function diagnose(err, log) {
  const text = `${err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)}\n${log}`;
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed/i.test(text)) {
    return 'could not download Electron\'s headers or a prebuilt binary (no network access?)';
  }
  if (/not found: (make|python|g\+\+|cc)|find Python|gyp ERR! find VS|xcode-select/i.test(text)) {
    return 'no C++ toolchain found for node-gyp';
  }
  return firstLine(err);
}

const logFile = join(paths.outDir, 'rebuild.log');
// An npm `nodedir` setting (npm passes it on as npm_config_nodedir) points node-gyp at Node's own headers: the addon would
// compile "for Electron" against Node's ABI and fail to load in the app. Electron's headers are what it must use here.
for (const k of Object.keys(process.env)) if (/^npm_config_nodedir$/i.test(k)) delete process.env[k];
const electronAbi = readFileSync(join(dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim();

/**
 * The ABI an addon was built for, told by loading it in a child Node: Node names the addon's NODE_MODULE_VERSION when it
 * refuses it. Loading fine means it was built for this Node, which is never Electron's ABI.
 */
function builtAbi(addon) {
  const r = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', addon], { encoding: 'utf8' });
  if (r.status === 0) return process.versions.modules;
  return /NODE_MODULE_VERSION (\d+)\. This version/.exec(r.stderr ?? '')?.[1] ?? null;
}

for (const p of todo) {
  const what = `better-sqlite3 ${versions.betterSqlite3} for Electron ${versions.electron} (${process.platform}-${p.arch})`;
  const result = await quietly(async () => {
    stage();
    await rebuild({
      buildPath: paths.stageDir,
      electronVersion: versions.electron,
      arch: nodeArchName(p.arch),
      onlyModules: [MODULE],
      force: true,
      mode: 'sequential',
      ...(options.headerURL ? { headerURL: options.headerURL } : {}),
    });
    if (!existsSync(paths.stagedAddon)) throw new Error(`the rebuild finished but left no ${relative(repoRoot, paths.stagedAddon)}`);
  });
  if (!result.ok) {
    mkdirSync(paths.outDir, { recursive: true });
    const err = result.error;
    writeFileSync(logFile, `${what}\n\n${err instanceof Error ? err.stack ?? err.message : String(err)}\n\n${result.log}`);
    fail(
      `could not build ${what}: ${diagnose(err, result.log)}. It needs, once, network access (a prebuilt binary from ` +
        `GitHub, or Electron's headers plus python3 and a C++ toolchain); run it again where that is available ` +
        `(details: ${relative(repoRoot, logFile)}; node_modules/better-sqlite3, Node's build, was not touched).`,
    );
  }
  // only the host arch can be loaded here to tell its ABI; other archs are built by the same toolchain settings
  const abi = p.dev ? builtAbi(paths.stagedAddon) : electronAbi;
  if (abi !== null && abi !== electronAbi) {
    fail(`built ${what}, but for ABI ${abi} instead of Electron's ${electronAbi} (node-gyp used other headers: check npm's nodedir setting); nothing was installed.`);
  }
  mkdirSync(paths.archDir(p.arch), { recursive: true });
  copyFileSync(paths.stagedAddon, paths.archAddon(p.arch));
  writeFileSync(paths.archStamp(p.arch), JSON.stringify(p.stamp, null, 2) + '\n');
  if (p.dev) {
    copyFileSync(paths.stagedAddon, paths.devAddon);
    writeFileSync(paths.devStamp, JSON.stringify(p.stamp, null, 2) + '\n');
  }
  console.log(`${TAG} built ${what} → ${relative(repoRoot, paths.archAddon(p.arch))}${p.dev ? ` and ${relative(repoRoot, paths.devAddon)}` : ''}`);
}
rmSync(paths.stageDir, { recursive: true, force: true });
