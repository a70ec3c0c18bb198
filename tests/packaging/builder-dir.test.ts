// A real electron-builder run, offline: `electron-builder --linux dir` on a temporary copy of the project, with
// `electronDist` pointing at a stand-in Electron (one shell script; the real binary cannot be downloaded here) and a
// stand-in addon. It proves what the schema cannot: the files/asar/extraResources layout the packaged app will find.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { desktopPaths } from '../../src-main/electron/desktop-paths.js';
import { repoRoot } from '../support/fixtures.js';

const root = repoRoot();
const require = createRequire(import.meta.url);
const asar = require(join(root, 'node_modules', '@electron', 'asar')) as { listPackage(file: string, o?: object): string[] };
const arch = process.arch === 'arm' ? 'armv7l' : process.arch;
const skip = process.platform !== 'linux' ? 'the stand-in Electron is a Linux layout' : !existsSync(join(root, 'dist', 'src-main')) ? 'dist/ is not built' : false;

function run(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...args], {
      cwd,
      timeout: 150_000,
      maxBuffer: 16 << 20,
      env: { ...process.env, ELECTRON_BUILDER_CACHE: join(cwd, '.eb-cache'), CI: '1' },
    }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }));
  });
}

test('electron-builder --linux dir packs the app with the layout the shell expects', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-pack-'));
  try {
    const project = join(dir, 'project');
    mkdirSync(project);
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(root, f), join(project, f));
    cpSync(join(root, 'assets'), join(project, 'assets'), { recursive: true });
    cpSync(join(root, 'dist'), join(project, 'dist'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
    mkdirSync(join(project, 'build', 'electron-native', arch), { recursive: true });
    writeFileSync(join(project, 'build', 'electron-native', arch, 'better_sqlite3.node'), 'stand-in addon');

    const fakeElectron = join(dir, 'electron-dist');
    mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
    writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\necho stand-in electron\n');
    chmodSync(join(fakeElectron, 'electron'), 0o755);
    for (const f of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(fakeElectron, f), '');
    writeFileSync(join(fakeElectron, 'version'), '45.4.1');

    const r = await run(project, ['--linux', 'dir', `--${arch}`, `-c.electronDist=${fakeElectron}`]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /skipped dependencies rebuild\s+reason=npmRebuild is set to false/);

    const app = join(project, 'release', arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
    const resources = join(app, 'resources');
    assert.ok(existsSync(join(app, 'llm-inspector')), 'the executable is named after package.json');
    // extraResources: where the shell's own path logic (desktop-paths.ts) looks for the addon, the icons and the preload
    const paths = desktopPaths({ packaged: true, resourcesPath: resources, appRoot: join(resources, 'app.asar'), platform: 'linux' }, join(resources, 'app.asar', 'dist', 'src-main', 'electron'));
    assert.ok(existsSync(paths.sqliteBinding), paths.sqliteBinding);
    assert.ok(existsSync(paths.appIcon), paths.appIcon);
    for (const s of ['idle', 'capturing', 'proxy', 'error'] as const) {
      assert.ok(existsSync(paths.trayIcon(s)), paths.trayIcon(s));
      assert.ok(existsSync(paths.trayIcon(s).replace(/\.png$/, '@2x.png')));
    }
    const tray = readdirSync(join(resources, 'tray')).sort();
    for (const s of ['idle', 'capturing', 'proxy', 'error']) {
      for (const f of [`trayTemplate-${s}.png`, `trayTemplate-${s}@2x.png`]) assert.ok(tray.includes(f), f);
    }

    const files = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    const has = (f: string) => files.includes(f);
    assert.ok(has('/package.json'));
    assert.ok(has('/dist/src-main/cli/main.js'));
    assert.ok(has('/dist/renderer/index.html'), 'the built UI');
    assert.ok(has('/dist/src-main/electron/main.js'), 'package.json main');
    assert.ok(has('/dist/src-main/electron/preload.cjs'), 'the window preload');
    assert.ok(!files.some((f) => f.startsWith('/dist/tests/') || f.startsWith('/dist/bench/')), 'no tests or benchmarks');
    assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps');
    assert.ok(has('/node_modules/better-sqlite3/lib/index.js'), 'the JS of better-sqlite3 (it loads the addon it is given)');
    assert.ok(!files.some((f) => f.startsWith('/node_modules/better-sqlite3/build/')), 'not Node\'s ABI build');
    assert.ok(!files.some((f) => f.startsWith('/node_modules/better-sqlite3/deps/')), 'not the SQLite sources');
    assert.ok(has('/node_modules/zod/package.json'), 'production dependencies');
    assert.ok(!files.some((f) => f.startsWith('/node_modules/electron/') || f.startsWith('/node_modules/typescript/')), 'no dev dependencies');
    // unpacked for other Node processes (`run`, the terminal): the preload and what it imports
    for (const f of ['dist/src-main/system/proxy-preload.js', 'dist/src-main/system/intercept-env.js', 'node_modules/undici/package.json']) {
      assert.ok(existsSync(join(resources, 'app.asar.unpacked', f)), `${f} unpacked`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
