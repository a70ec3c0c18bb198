// scripts/electron-native-plan.mjs: where the Electron-ABI copy of better-sqlite3 goes, which versions it is built for,
// and when --if-needed may skip the build. The build itself needs the network (Electron's headers), so it is not run here.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/fixtures.js';

interface Stamp { electron: string; betterSqlite3: string; arch: string; platform: string }
interface NativePaths {
  repoRoot: string; sourceModuleDir: string; outDir: string; stageDir: string; stageModuleDir: string; stagedAddon: string;
  devAddon: string; devStamp: string; archDir(a: string): string; archAddon(a: string): string; archStamp(a: string): string;
}
interface Options { ifNeeded: boolean; archs: string[] | null; headerURL: string | null; help: boolean }
interface Versions { electron: string; betterSqlite3: string }
interface PlanModule {
  OUT_DIR: string;
  nativePaths(root: string): NativePaths;
  installedVersions(root: string): Versions;
  wantedStamp(v: Versions, arch: string, platform: string): Stamp;
  readStamp(file: string): Stamp | null;
  stampMatches(have: Stamp | null, want: Stamp): boolean;
  isUpToDate(p: NativePaths, want: Stamp, o?: { dev?: boolean }): boolean;
  entriesToStage(entries: string[]): string[];
  stagePackageJson(v: string): { dependencies: Record<string, string> };
  defaultArchs(platform: string, hostArch: string): string[];
  builderArchName(a: string): string;
  nodeArchName(a: string): string;
  parseArgs(argv: string[]): Options;
  planBuilds(p: NativePaths, v: Versions, platform: string, hostArch: string, o: Options): { arch: string; stamp: Stamp; build: boolean; dev: boolean }[];
}

const root = repoRoot();
const plan = (await import(pathToFileURL(join(root, 'scripts', 'electron-native-plan.mjs')).href)) as PlanModule;
const tmp = mkdtempSync(join(tmpdir(), 'llmi-native-plan-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const versions: Versions = { electron: '45.4.1', betterSqlite3: '12.11.1' };
const noOpts: Options = { ifNeeded: false, archs: null, headerURL: null, help: false };

test('paths: the dev copy where the Electron main process loads it, one copy per arch for electron-builder, a stage beside them', () => {
  const p = plan.nativePaths('/r');
  assert.equal(p.devAddon, join('/r', 'build', 'electron-native', 'better_sqlite3.node'));
  assert.equal(p.devStamp, join('/r', 'build', 'electron-native', 'stamp.json'));
  assert.equal(p.archAddon('arm64'), join('/r', 'build', 'electron-native', 'arm64', 'better_sqlite3.node'));
  // Node's `arm` is electron-builder's `armv7l` (the ${arch} the yml's extraResources expands to)
  assert.equal(p.archAddon('arm'), join('/r', 'build', 'electron-native', 'armv7l', 'better_sqlite3.node'));
  assert.equal(p.stageModuleDir, join('/r', 'build', 'electron-native', 'stage', 'node_modules', 'better-sqlite3'));
  assert.equal(p.stagedAddon, join(p.stageModuleDir, 'build', 'Release', 'better_sqlite3.node'));
  assert.equal(p.sourceModuleDir, join('/r', 'node_modules', 'better-sqlite3'));
  assert.ok(!p.stageDir.startsWith(p.sourceModuleDir), 'the stage is never inside node_modules/better-sqlite3');
  assert.equal(plan.nodeArchName('armv7l'), 'arm');
  assert.equal(plan.builderArchName('x64'), 'x64');
});

test('the paths agree with electron-builder.yml and the desktop shell', () => {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  assert.match(yml, new RegExp(`from: ${plan.OUT_DIR}/\\$\\{arch\\}/better_sqlite3\\.node`));
  assert.match(yml, /to: native\/better_sqlite3\.node/);
  assert.match(readFileSync(join(root, '.gitignore'), 'utf8'), /^build\/electron-native\/$/m);
});

test('versions come from the installed electron and better-sqlite3 packages', () => {
  const v = plan.installedVersions(root);
  const pkg = (name: string) => (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(v.electron, pkg('electron'));
  assert.equal(v.betterSqlite3, pkg('better-sqlite3'));
  assert.match(v.electron, /^\d+\.\d+\.\d+/);
  assert.throws(() => plan.installedVersions(tmp), /electron is not installed .*run npm install/);
});

test('stamps: any difference in electron, better-sqlite3, arch or platform means a rebuild; unreadable stamps too', () => {
  const want = plan.wantedStamp(versions, 'x64', 'linux');
  assert.deepEqual(want, { electron: '45.4.1', betterSqlite3: '12.11.1', arch: 'x64', platform: 'linux' });
  assert.equal(plan.stampMatches({ ...want }, want), true);
  for (const k of ['electron', 'betterSqlite3', 'arch', 'platform'] as const) {
    assert.equal(plan.stampMatches({ ...want, [k]: 'other' }, want), false, k);
  }
  assert.equal(plan.stampMatches(null, want), false);
  const f = join(tmp, 'stamp.json');
  writeFileSync(f, 'not json');
  assert.equal(plan.readStamp(f), null);
  writeFileSync(f, JSON.stringify({ electron: '45.4.1' }));
  assert.equal(plan.readStamp(f), null);
  writeFileSync(f, JSON.stringify({ ...want, extra: 1 }));
  assert.deepEqual(plan.readStamp(f), want);
  assert.equal(plan.readStamp(join(tmp, 'missing.json')), null);
});

test('--if-needed skips only when the addon exists and its stamp matches, for the per-arch and the dev copy', () => {
  const r = join(tmp, 'repo');
  const p = plan.nativePaths(r);
  const ifNeeded = { ...noOpts, ifNeeded: true };
  const want = plan.wantedStamp(versions, 'x64', 'linux');
  const steps = () => plan.planBuilds(p, versions, 'linux', 'x64', ifNeeded);
  assert.deepEqual(steps(), [{ arch: 'x64', stamp: want, build: true, dev: true }]);

  mkdirSync(p.archDir('x64'), { recursive: true });
  writeFileSync(p.archAddon('x64'), 'addon');
  writeFileSync(p.archStamp('x64'), JSON.stringify(want));
  assert.equal(steps()[0]!.build, true, 'the dev copy is still missing');
  writeFileSync(p.devAddon, 'addon');
  writeFileSync(p.devStamp, JSON.stringify(want));
  assert.equal(steps()[0]!.build, false, 'everything matches');
  assert.equal(plan.isUpToDate(p, want), true);
  assert.equal(plan.isUpToDate(p, want, { dev: true }), true);

  writeFileSync(p.devStamp, JSON.stringify({ ...want, electron: '44.0.0' }));
  assert.equal(steps()[0]!.build, true, 'an upgraded electron');
  writeFileSync(p.devStamp, JSON.stringify(want));
  rmSync(p.archAddon('x64'));
  assert.equal(steps()[0]!.build, true, 'a stamp without its addon');
  writeFileSync(p.archAddon('x64'), 'addon');
  assert.equal(plan.planBuilds(p, versions, 'linux', 'x64', noOpts)[0]!.build, true, 'without --if-needed it always builds');
  assert.equal(plan.planBuilds(p, { ...versions, betterSqlite3: '12.12.0' }, 'linux', 'x64', ifNeeded)[0]!.build, true);
});

test('archs: the host by default, both Mac archs on macOS (the dmg targets), --arch overrides; only the host arch feeds npm start', () => {
  assert.deepEqual(plan.defaultArchs('linux', 'x64'), ['x64']);
  assert.deepEqual(plan.defaultArchs('win32', 'arm64'), ['arm64']);
  assert.deepEqual(plan.defaultArchs('darwin', 'arm64'), ['arm64', 'x64']);
  assert.deepEqual(plan.defaultArchs('darwin', 'x64'), ['x64', 'arm64']);
  assert.deepEqual(plan.defaultArchs('linux', 'arm'), ['armv7l']);
  const p = plan.nativePaths(join(tmp, 'other'));
  const steps = plan.planBuilds(p, versions, 'darwin', 'arm64', noOpts);
  assert.deepEqual(steps.map((s) => [s.arch, s.dev]), [['arm64', true], ['x64', false]]);
  const only = plan.planBuilds(p, versions, 'linux', 'x64', { ...noOpts, archs: ['arm64'] });
  assert.deepEqual(only.map((s) => [s.arch, s.dev]), [['arm64', false]]);
});

test('command line', () => {
  assert.deepEqual(plan.parseArgs([]), noOpts);
  assert.deepEqual(plan.parseArgs(['--if-needed']), { ...noOpts, ifNeeded: true });
  assert.deepEqual(plan.parseArgs(['--arch', 'x64,arm']), { ...noOpts, archs: ['x64', 'armv7l'] });
  assert.deepEqual(plan.parseArgs(['--arch=arm64']), { ...noOpts, archs: ['arm64'] });
  assert.deepEqual(plan.parseArgs(['--header-url', 'https://mirror/h']), { ...noOpts, headerURL: 'https://mirror/h' });
  assert.throws(() => plan.parseArgs(['--arch']), /--arch needs a value/);
  assert.throws(() => plan.parseArgs(['--force']), /unknown option --force/);
});

test('staging copies the package sources but never its build/ (Node\'s ABI build stays where it is)', () => {
  assert.deepEqual(plan.entriesToStage(['package.json', 'build', 'src', 'deps', 'lib', 'binding.gyp', 'node_modules', 'LICENSE']),
    ['LICENSE', 'binding.gyp', 'deps', 'lib', 'package.json', 'src']);
  assert.deepEqual(plan.stagePackageJson('12.11.1').dependencies, { 'better-sqlite3': '12.11.1' });
});
