// electron-builder.yml checked without building: the build machines cannot download Electron, so the config is validated
// against electron-builder's own JSON schema (with the same js-yaml and ajv electron-builder loads it with, and through
// its own validateConfiguration), every file it refers to must exist, and the settings the app relies on are pinned.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/fixtures.js';

const root = repoRoot();
// resolve through app-builder-lib, so these are the very modules electron-builder uses
const builderRequire = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath?: string; dataPath?: string; message?: string }[] | null };
const AjvModule = builderRequire('ajv') as { default?: new (o: object) => { compile(s: object): ValidateFn } } & (new (o: object) => { compile(s: object): ValidateFn });
const Ajv = AjvModule.default ?? AjvModule;
const { validateConfiguration } = builderRequire('./out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};
const schema = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;

interface FileSet { from: string; to: string; filter?: string[] }
interface Config {
  appId: string; productName: string; directories: { output: string; buildResources: string };
  files: string[]; npmRebuild: boolean; extraResources: FileSet[]; asarUnpack: string[];
  mac: { category: string; target: { target: string; arch: string[] }[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; extendInfo: Record<string, unknown>; icon: string };
  win: { target: { target: string; arch: string[] }[]; icon: string };
  nsis: { oneClick: boolean; perMachine: boolean; allowToChangeInstallationDirectory: boolean };
  linux: { target: string[]; category: string; icon: string };
  deb: { recommends: string[] };
}
const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const config = yaml.load(text) as Config;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const quiet = { isEnabled: false, add() {} };

const schemaErrors = (c: unknown) => (validate(c) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath ?? e.dataPath} ${e.message}`));
const clone = (): Config => JSON.parse(JSON.stringify(config)) as Config;

test('electron-builder.yml matches electron-builder\'s JSON schema (ajv) and passes electron-builder\'s own validation', async () => {
  assert.deepEqual(schemaErrors(config), []);
  await validateConfiguration(clone(), quiet);
});

test('a broken copy fails both validations (the check can fail)', async () => {
  const typo = clone() as unknown as Record<string, Record<string, unknown>>;
  typo['mac']!['hardenedRuntme'] = true; // misspelled option
  const wrongType = clone() as unknown as Record<string, unknown>;
  wrongType['npmRebuild'] = 'no';
  const badTarget = clone();
  badTarget.nsis = { ...badTarget.nsis, oneClick: 'sometimes' as unknown as boolean };
  const unknownTop = { ...clone(), extraResource: [] };
  for (const [name, c] of [['typo', typo], ['wrongType', wrongType], ['badTarget', badTarget], ['unknownTop', unknownTop]] as const) {
    assert.notDeepEqual(schemaErrors(c), [], `${name}: ajv finds it`);
    await assert.rejects(validateConfiguration(c, quiet), /configuration object that does not match the API schema/, `${name}: electron-builder rejects it`);
  }
});

test('the settings the app relies on', () => {
  assert.equal(config.appId, 'dev.llm-inspector.app');
  assert.equal(config.productName, 'LLM Inspector');
  assert.deepEqual(config.directories, { output: 'release', buildResources: 'assets' });
  // node_modules keeps Node's ABI; the Electron copy is an extra resource at <resources>/native/better_sqlite3.node
  assert.equal(config.npmRebuild, false);
  assert.ok(config.extraResources.some((r) => r.from === 'build/electron-native/${arch}/better_sqlite3.node' && r.to === 'native/better_sqlite3.node'));
  assert.ok(config.extraResources.some((r) => r.from === 'assets/tray' && r.to === 'tray'));
  assert.ok(config.asarUnpack.includes('**/*.node'));
  for (const excluded of ['!dist/tests/**', '!dist/bench/**', '!**/*.map', '!node_modules/better-sqlite3/build/**']) {
    assert.ok(config.files.includes(excluded), excluded);
  }
  assert.ok(config.files.includes('dist/**') && config.files.includes('package.json'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  assert.match(pkg.main, /^dist\//, 'the entry point is inside the packaged files');

  assert.equal(config.mac.category, 'public.app-category.developer-tools');
  assert.deepEqual(config.mac.target, [{ target: 'dmg', arch: ['x64', 'arm64'] }]);
  assert.equal(config.mac.hardenedRuntime, true);
  assert.equal(config.mac.entitlements, 'assets/entitlements.mac.plist');
  assert.equal(config.mac.entitlementsInherit, 'assets/entitlements.mac.plist');
  assert.equal(config.mac.extendInfo['LSUIElement'], false);
  assert.deepEqual(config.win.target.map((t) => t.target), ['nsis']);
  assert.deepEqual(config.nsis, { ...config.nsis, oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.equal(config.linux.category, 'Development');
  assert.ok(config.deb.recommends.includes('libnss3-tools'));
});

test('every file the config refers to exists (the addon, a build output, is checked by name)', () => {
  const exists = (rel: string) => assert.ok(existsSync(join(root, rel)), `${rel} exists`);
  exists(config.mac.icon);
  exists(config.win.icon);
  exists(config.mac.entitlements);
  exists(config.mac.entitlementsInherit);
  assert.ok(statSync(join(root, config.linux.icon)).isDirectory(), 'linux.icon is a directory');
  for (const n of [16, 32, 48, 64, 128, 256, 512]) exists(join(config.linux.icon, `${n}x${n}.png`));
  exists(join(config.directories.buildResources, 'icon.png'));
  for (const r of config.extraResources) {
    if (r.from.startsWith('build/electron-native/')) {
      assert.match(r.from, /\/better_sqlite3\.node$/);
      continue;
    }
    exists(r.from);
  }
  exists('package.json');
});

test('the entitlements are a plist with the keys the hardened runtime needs for Electron and the native addon', () => {
  const plist = readFileSync(join(root, 'assets', 'entitlements.mac.plist'), 'utf8');
  assert.match(plist, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
  assert.match(plist, /<!DOCTYPE plist PUBLIC "-\/\/Apple\/\/DTD PLIST 1\.0\/\/EN"/);
  for (const key of [
    'com.apple.security.cs.allow-jit',
    'com.apple.security.cs.allow-unsigned-executable-memory',
    'com.apple.security.cs.disable-library-validation',
    'com.apple.security.network.client',
    'com.apple.security.network.server',
  ]) {
    assert.match(plist, new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`), key);
  }
  // balanced and well-formed enough for plutil: one dict, each key followed by a value
  assert.equal((plist.match(/<dict>/g) ?? []).length, 1);
  assert.equal((plist.match(/<key>/g) ?? []).length, (plist.match(/<true\/>/g) ?? []).length);
});
