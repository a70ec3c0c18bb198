// The icons in assets/: the sizes each OS wants, macOS template images that are black + alpha only, and committed files
// that are exactly what scripts/make-icons.mjs draws (so nobody edits a PNG by hand and loses it on the next run).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { repoRoot } from '../support/fixtures.js';

interface IconsModule {
  APP_ICON_SIZE: number;
  LINUX_ICON_SIZES: number[];
  TRAY_STATES: string[];
  makeIcons(): Map<string, Buffer>;
}

const root = repoRoot();
const icons = (await import(pathToFileURL(join(root, 'scripts', 'make-icons.mjs')).href)) as IconsModule;
const read = (rel: string) => PNG.sync.read(readFileSync(join(root, rel)));

/** Pixels as [r, g, b, a] tuples. */
function* pixels(png: PNG): Generator<[number, number, number, number]> {
  for (let i = 0; i < png.data.length; i += 4) yield [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

test('app icon: 1024×1024 RGBA (electron-builder derives .icns and .ico from it), transparent corners', () => {
  const png = read('assets/icon.png');
  assert.equal(icons.APP_ICON_SIZE, 1024);
  assert.deepEqual([png.width, png.height], [1024, 1024]);
  assert.equal(png.data[3], 0, 'top-left corner is transparent (the rounded tile sits inside the macOS icon grid)');
  const centre = (512 * 1024 + 512) * 4;
  assert.equal(png.data[centre + 3], 255);
});

test('Linux icon set: <n>x<n>.png for 16…512, each of its declared size', () => {
  assert.deepEqual(icons.LINUX_ICON_SIZES, [16, 32, 48, 64, 128, 256, 512]);
  for (const n of icons.LINUX_ICON_SIZES) {
    const png = read(`assets/icons/${n}x${n}.png`);
    assert.deepEqual([png.width, png.height], [n, n], `${n}x${n}.png`);
  }
});

test('tray icons: every state at 16 px and @2x 32 px, coloured and macOS template', () => {
  assert.deepEqual(icons.TRAY_STATES, ['idle', 'capturing', 'proxy', 'error']);
  for (const state of icons.TRAY_STATES) {
    for (const base of [`tray-${state}`, `trayTemplate-${state}`]) {
      const one = read(`assets/tray/${base}.png`);
      const two = read(`assets/tray/${base}@2x.png`);
      assert.deepEqual([one.width, one.height, two.width, two.height], [16, 16, 32, 32], base);
      assert.ok([...pixels(one)].some(([, , , a]) => a === 255), `${base} has opaque pixels`);
    }
  }
});

test('template images hold only black with alpha (what macOS requires to tint them); the coloured ones are not black', () => {
  for (const state of icons.TRAY_STATES) {
    for (const file of [`trayTemplate-${state}.png`, `trayTemplate-${state}@2x.png`]) {
      for (const [r, g, b] of pixels(read(`assets/tray/${file}`))) assert.deepEqual([r, g, b], [0, 0, 0], file);
    }
    const coloured = [...pixels(read(`assets/tray/tray-${state}.png`))].filter(([, , , a]) => a > 128);
    assert.ok(coloured.every(([r, g, b]) => r + g + b > 150), `tray-${state}.png is coloured`);
  }
});

test('the states differ from each other in shape (template images) and in colour (coloured icons)', () => {
  const alphaOf = (f: string) => [...pixels(read(`assets/tray/${f}`))].map(([, , , a]) => a).join(',');
  const colourOf = (f: string) => [...pixels(read(`assets/tray/${f}`))].find(([, , , a]) => a === 255)!.slice(0, 3).join(',');
  const shapes = new Set(icons.TRAY_STATES.map((s) => alphaOf(`trayTemplate-${s}@2x.png`)));
  const colours = new Set(icons.TRAY_STATES.map((s) => colourOf(`tray-${s}.png`)));
  assert.equal(shapes.size, 4);
  assert.equal(colours.size, 4);
});

// Pixels, not bytes, are compared with the committed files: zlib builds (Node versions, SIMD paths) may compress the same
// pixels differently; within one process the bytes must be identical.
test('the committed PNGs are exactly what scripts/make-icons.mjs draws (deterministic; run `npm run icons` after a change)', () => {
  const a = icons.makeIcons();
  const b = icons.makeIcons();
  assert.equal(a.size, 1 + 7 + 4 * 2 * 2);
  for (const [rel, bytes] of a) {
    assert.ok(bytes.equals(b.get(rel)!), `${rel}: two runs give the same bytes`);
    assert.ok(existsSync(join(root, rel)), `${rel} is committed`);
    const drawn = PNG.sync.read(bytes);
    const committed = read(rel);
    assert.deepEqual([committed.width, committed.height], [drawn.width, drawn.height], rel);
    assert.ok(committed.data.equals(drawn.data), `${rel}: the committed pixels match the script's output`);
  }
});
