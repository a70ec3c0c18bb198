// Planning for scripts/build-electron-native.mjs, kept free of side effects other than reading files so tests can
// import it: where the Electron-ABI copy of better-sqlite3 is staged and written, which versions it is built for, and
// whether an existing build is still the right one.
//
// Layout under build/electron-native/ (git-ignored):
//   stage/package.json, stage/node_modules/better-sqlite3/   sources copied from node_modules (never its build/)
//   <arch>/better_sqlite3.node, <arch>/stamp.json             one per target architecture (electron-builder's
//                                                             extraResources picks it with ${arch})
//   better_sqlite3.node, stamp.json                           the host architecture's copy, which `npm start` loads
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where electron-builder.yml and the Electron main process expect things (relative to the repo root). */
export const OUT_DIR = 'build/electron-native';
export const ADDON_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'stamp.json';
export const MODULE = 'better-sqlite3';

/**
 * @typedef {{ electron: string, betterSqlite3: string, arch: string, platform: string }} Stamp
 * What an addon was built for. Any difference means it must be rebuilt.
 */

/**
 * @typedef {object} NativePaths
 * @property {string} repoRoot
 * @property {string} sourceModuleDir node_modules/better-sqlite3 (Node's ABI build; read, never written)
 * @property {string} outDir build/electron-native
 * @property {string} stageDir build/electron-native/stage (the buildPath handed to @electron/rebuild)
 * @property {string} stageModuleDir build/electron-native/stage/node_modules/better-sqlite3
 * @property {string} stagedAddon where node-gyp leaves the built addon inside the stage
 * @property {string} devAddon build/electron-native/better_sqlite3.node (loaded by `npm start`)
 * @property {string} devStamp build/electron-native/stamp.json
 * @property {(arch: string) => string} archDir build/electron-native/<electron-builder arch name>
 * @property {(arch: string) => string} archAddon
 * @property {(arch: string) => string} archStamp
 */

/**
 * @param {string} repoRoot absolute path of the project (where package.json is)
 * @returns {NativePaths}
 */
export function nativePaths(repoRoot) {
  const outDir = join(repoRoot, OUT_DIR);
  const stageDir = join(outDir, 'stage');
  const stageModuleDir = join(stageDir, 'node_modules', MODULE);
  const archDir = (/** @type {string} */ arch) => join(outDir, builderArchName(arch));
  return {
    repoRoot,
    sourceModuleDir: join(repoRoot, 'node_modules', MODULE),
    outDir,
    stageDir,
    stageModuleDir,
    stagedAddon: join(stageModuleDir, 'build', 'Release', ADDON_FILE),
    devAddon: join(outDir, ADDON_FILE),
    devStamp: join(outDir, STAMP_FILE),
    archDir,
    archAddon: (arch) => join(archDir(arch), ADDON_FILE),
    archStamp: (arch) => join(archDir(arch), STAMP_FILE),
  };
}

/**
 * electron-builder names 32-bit ARM `armv7l` where Node says `arm`; the per-arch directories use electron-builder's
 * names because electron-builder.yml refers to them through its `${arch}` macro.
 * @param {string} arch a Node (process.arch) or electron-builder arch name
 */
export function builderArchName(arch) {
  return arch === 'arm' ? 'armv7l' : arch;
}

/**
 * The arch name node-gyp / @electron/rebuild expect (Node's).
 * @param {string} arch
 */
export function nodeArchName(arch) {
  return arch === 'armv7l' ? 'arm' : arch;
}

/**
 * @param {string} file
 * @returns {any} the parsed JSON
 */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * The installed versions the addon is built for: electron from node_modules/electron (the version electron-builder
 * packages), better-sqlite3 from node_modules/better-sqlite3.
 * @param {string} repoRoot
 * @returns {{ electron: string, betterSqlite3: string }}
 * @throws {Error} naming the missing package when one is not installed
 */
export function installedVersions(repoRoot) {
  /** @param {string} name */
  const version = (name) => {
    const file = join(repoRoot, 'node_modules', name, 'package.json');
    if (!existsSync(file)) throw new Error(`${name} is not installed (${file} is missing); run npm install`);
    const v = readJson(file).version;
    if (typeof v !== 'string' || !v) throw new Error(`${file} has no version`);
    return v;
  };
  return { electron: version('electron'), betterSqlite3: version(MODULE) };
}

/**
 * @param {{ electron: string, betterSqlite3: string }} versions
 * @param {string} arch
 * @param {string} platform
 * @returns {Stamp}
 */
export function wantedStamp(versions, arch, platform) {
  return { electron: versions.electron, betterSqlite3: versions.betterSqlite3, arch: builderArchName(arch), platform };
}

/**
 * The stamp written next to an addon, or null when it is missing or not a stamp.
 * @param {string} file
 * @returns {Stamp | null}
 */
export function readStamp(file) {
  try {
    const s = readJson(file);
    if (s && typeof s === 'object' && ['electron', 'betterSqlite3', 'arch', 'platform'].every((k) => typeof s[k] === 'string')) {
      return { electron: s.electron, betterSqlite3: s.betterSqlite3, arch: s.arch, platform: s.platform };
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * @param {Stamp | null} have
 * @param {Stamp} want
 */
export function stampMatches(have, want) {
  return have !== null && have.electron === want.electron && have.betterSqlite3 === want.betterSqlite3
    && have.arch === want.arch && have.platform === want.platform;
}

/**
 * Whether the addon for one arch is present and was built for exactly these versions.
 * @param {NativePaths} paths
 * @param {Stamp} want
 * @param {{ dev?: boolean }} [opts] dev: check the host copy (build/electron-native/better_sqlite3.node) instead
 */
export function isUpToDate(paths, want, opts = {}) {
  const addon = opts.dev ? paths.devAddon : paths.archAddon(want.arch);
  const stamp = opts.dev ? paths.devStamp : paths.archStamp(want.arch);
  return existsSync(addon) && stampMatches(readStamp(stamp), want);
}

/**
 * Top-level entries of the installed better-sqlite3 to copy into the stage: everything but its build/ (Node's ABI
 * output, which must neither be copied nor touched) and nested node_modules.
 * @param {string[]} entries names in node_modules/better-sqlite3
 */
export function entriesToStage(entries) {
  return entries.filter((e) => e !== 'build' && e !== 'node_modules' && e !== 'prebuilds').sort();
}

/**
 * package.json of the stage directory: @electron/rebuild walks the dependencies of its buildPath's package.json.
 * @param {string} betterSqlite3Version
 */
export function stagePackageJson(betterSqlite3Version) {
  return {
    name: 'llm-inspector-electron-native-stage',
    version: '0.0.0',
    private: true,
    description: 'Staging area of scripts/build-electron-native.mjs: better-sqlite3 rebuilt for Electron\'s ABI',
    dependencies: { [MODULE]: betterSqlite3Version },
  };
}

/**
 * Architectures to build when none are given: the host's, and on macOS both x64 and arm64 because electron-builder.yml
 * builds a dmg for each.
 * @param {string} platform
 * @param {string} hostArch
 * @returns {string[]}
 */
export function defaultArchs(platform, hostArch) {
  const host = builderArchName(hostArch);
  if (platform === 'darwin') return [host, ...['x64', 'arm64'].filter((a) => a !== host)];
  return [host];
}

/**
 * @typedef {{ ifNeeded: boolean, archs: string[] | null, headerURL: string | null, help: boolean }} Options
 * headerURL: where node-gyp downloads Electron's headers from (a mirror; default https://www.electronjs.org/headers)
 */

/**
 * Command line: `[--if-needed] [--arch x64,arm64] [--header-url <url>]`.
 * @param {string[]} argv process.argv.slice(2)
 * @returns {Options}
 * @throws {Error} on an unknown option
 */
export function parseArgs(argv) {
  /** @type {Options} */
  const o = { ifNeeded: false, archs: null, headerURL: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i]);
    if (a === '--if-needed') o.ifNeeded = true;
    else if (a === '-h' || a === '--help') o.help = true;
    else if (a === '--arch' || a.startsWith('--arch=')) {
      const v = a === '--arch' ? argv[++i] : a.slice('--arch='.length);
      if (!v) throw new Error('--arch needs a value, e.g. --arch x64,arm64');
      o.archs = v.split(',').map((s) => builderArchName(s.trim())).filter(Boolean);
    } else if (a === '--header-url' || a.startsWith('--header-url=')) {
      const v = a === '--header-url' ? argv[++i] : a.slice('--header-url='.length);
      if (!v) throw new Error('--header-url needs a URL');
      o.headerURL = v;
    } else throw new Error(`unknown option ${a} (use --if-needed, --arch <list>, --header-url <url>)`);
  }
  return o;
}

/**
 * What a run will do for each arch: build it, or skip it because --if-needed and its stamp matches.
 * @param {NativePaths} paths
 * @param {{ electron: string, betterSqlite3: string }} versions
 * @param {string} platform
 * @param {string} hostArch
 * @param {Options} options
 * @returns {{ arch: string, stamp: Stamp, build: boolean, dev: boolean }[]}
 */
export function planBuilds(paths, versions, platform, hostArch, options) {
  const host = builderArchName(hostArch);
  const archs = options.archs ?? defaultArchs(platform, hostArch);
  return archs.map((arch) => {
    const stamp = wantedStamp(versions, arch, platform);
    const dev = stamp.arch === host;
    const fresh = isUpToDate(paths, stamp) && (!dev || isUpToDate(paths, stamp, { dev: true }));
    return { arch: stamp.arch, stamp, build: !(options.ifNeeded && fresh), dev };
  });
}
