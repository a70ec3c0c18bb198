#!/usr/bin/env node
// Draws the app and tray icons into assets/ (npm run icons). Every shape is a signed distance function evaluated once per
// pixel; coverage = clamp(0.5 - distance in pixels) gives the anti-aliasing. Only +, *, min, max, abs and sqrt are used
// (all exactly rounded in IEEE arithmetic) and PNGs are written with fixed zlib settings, so running this twice gives
// identical bytes. The outputs are committed; re-run only after changing the drawing.
//
//   assets/icon.png                      1024×1024 app icon (electron-builder derives .icns and .ico from it)
//   assets/icons/<n>x<n>.png             16…512, the Linux icon set (electron-builder's linux.icon directory)
//   assets/tray/tray-<state>.png         16×16 coloured tray icon (Linux, Windows), @2x = 32×32
//   assets/tray/trayTemplate-<state>.png 16×16 macOS template image (black + alpha only), @2x = 32×32
//
// Tray states: idle (capture off), capturing, proxy (capturing and the system proxy points at the inspector), error.
// The template images cannot use colour, so the state is in the shape: idle = empty lens, capturing = a dot in the lens,
// proxy = the dot plus a diamond badge, error = an empty lens with an exclamation-mark badge.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const assetsDir = join(repoRoot, 'assets');

export const APP_ICON_SIZE = 1024;
export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512];
export const TRAY_STATES = ['idle', 'capturing', 'proxy', 'error'];

// ---------------------------------------------------------------------------------------------------------------------
// Signed distance functions (negative inside), in the drawing's own units.

const clamp01 = (v) => (v < 0 ? 0 : v > 1 ? 1 : v);
const len = (x, y) => Math.sqrt(x * x + y * y);

function sdCircle(px, py, cx, cy, r) {
  return len(px - cx, py - cy) - r;
}

/** Rounded rectangle from (x0,y0) to (x1,y1) with corner radius r. */
function sdRoundRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(px - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(py - cy) - ((y1 - y0) / 2 - r);
  return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Line segment a→b with round caps and total width w (a capsule). */
function sdCapsule(px, py, ax, ay, bx, by, w) {
  const pax = px - ax;
  const pay = py - ay;
  const bax = bx - ax;
  const bay = by - ay;
  const h = clamp01((pax * bax + pay * bay) / (bax * bax + bay * bay));
  return len(pax - bax * h, pay - bay * h) - w / 2;
}

/** Convex polygon (points in either winding order): exact outside distance, negative inside. */
function sdPolygon(px, py, pts) {
  let d = Infinity;
  let sign = 1;
  const n = pts.length;
  for (let i = 0, j = n - 1; i < n; j = i, i++) {
    const [ax, ay] = pts[j];
    const [bx, by] = pts[i];
    const ex = bx - ax;
    const ey = by - ay;
    const wx = px - ax;
    const wy = py - ay;
    const h = clamp01((wx * ex + wy * ey) / (ex * ex + ey * ey));
    const dx = wx - ex * h;
    const dy = wy - ey * h;
    d = Math.min(d, dx * dx + dy * dy);
    // crossing-number test for inside
    const c1 = py >= ay;
    const c2 = py < by;
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
  }
  return sign * Math.sqrt(d);
}

const sdDiamond = (px, py, cx, cy, r) => (Math.abs(px - cx) + Math.abs(py - cy) - r) / Math.SQRT2;
const union = (a, b) => Math.min(a, b);
const subtract = (a, b) => Math.max(a, -b);
const ring = (d, thickness) => Math.abs(d) - thickness / 2;

// ---------------------------------------------------------------------------------------------------------------------
// Raster: layers composited "over" in straight RGBA (float), quantised once at the end.

/**
 * @typedef {{ sd: (x: number, y: number) => number, color: (x: number, y: number) => [number, number, number, number] }} Layer
 * sd and color take drawing units; color returns r,g,b in 0..255 and alpha in 0..1.
 */

/**
 * @param {number} size output pixels
 * @param {number} units drawing units across the image (the shapes are drawn in a units×units square)
 * @param {Layer[]} layers bottom first
 * @param {{ soften?: number }} [opts] soften = anti-aliasing width in pixels (1 = one pixel ramp)
 */
function render(size, units, layers, opts = {}) {
  const soften = opts.soften ?? 1;
  const k = units / size; // units per pixel
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * k;
      const y = (py + 0.5) * k;
      let r = 0, g = 0, b = 0, a = 0;
      for (const layer of layers) {
        const cov = clamp01(0.5 - layer.sd(x, y) / k / soften);
        if (cov === 0) continue;
        const [lr, lg, lb, la] = layer.color(x, y);
        const sa = la * cov;
        const na = sa + a * (1 - sa);
        if (na > 0) {
          r = (lr * sa + r * a * (1 - sa)) / na;
          g = (lg * sa + g * a * (1 - sa)) / na;
          b = (lb * sa + b * a * (1 - sa)) / na;
        }
        a = na;
      }
      const i = (py * size + px) * 4;
      const A = Math.round(a * 255);
      png.data[i] = A === 0 ? 0 : Math.round(r);
      png.data[i + 1] = A === 0 ? 0 : Math.round(g);
      png.data[i + 2] = A === 0 ? 0 : Math.round(b);
      png.data[i + 3] = A;
    }
  }
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9, deflateStrategy: 3, filterType: -1 });
}

const rgb = (hex, alpha = 1) => {
  const v = parseInt(hex.slice(1), 16);
  const c = /** @type {[number, number, number, number]} */ ([(v >> 16) & 255, (v >> 8) & 255, v & 255, alpha]);
  return () => c;
};
const mix = (a, b, t) => a + (b - a) * clamp01(t);
/** Vertical gradient between two colours over y0..y1. */
const vGradient = (top, bottom, y0, y1) => {
  const [tr, tg, tb] = rgb(top)();
  const [br, bg, bb] = rgb(bottom)();
  return (_x, y) => {
    const t = (y - y0) / (y1 - y0);
    return /** @type {[number, number, number, number]} */ ([mix(tr, br, t), mix(tg, bg, t), mix(tb, bb, t), 1]);
  };
};

// ---------------------------------------------------------------------------------------------------------------------
// App icon, drawn in a 1024-unit square on the macOS icon grid (an 824-unit rounded square with room for its shadow).

const LENS = { cx: 640, cy: 600, r: 150, stroke: 58 };
const bubbleBody = (x, y) => sdRoundRect(x, y, 214, 250, 754, 636, 96);
const bubbleTail = (x, y) => sdPolygon(x, y, [[300, 600], [430, 600], [282, 758]]);
const bubble = (x, y) => union(bubbleBody(x, y), bubbleTail(x, y));
const lensOuter = (x, y) => sdCircle(x, y, LENS.cx, LENS.cy, LENS.r + LENS.stroke / 2);
const lensRing = (x, y) => ring(sdCircle(x, y, LENS.cx, LENS.cy, LENS.r), LENS.stroke);
const handle = (x, y) => sdCapsule(x, y, 758, 718, 846, 806, 86);
const magnifier = (x, y) => union(lensRing(x, y), handle(x, y));
// the bubble's text lines, cut where the lens sits so the lens reads as in front of them
const lines = (x, y) =>
  subtract(
    union(sdCapsule(x, y, 312, 370, 640, 370, 46), sdCapsule(x, y, 312, 470, 470, 470, 46)),
    lensOuter(x, y) - 26,
  );

/** @type {Layer[]} */
const appIconLayers = [
  // soft shadow under the tile
  { sd: (x, y) => sdRoundRect(x, y, 100, 112, 924, 936, 185) - 6, color: (x, y) => {
    const d = sdRoundRect(x, y, 100, 112, 924, 936, 185);
    return [0, 0, 0, 0.28 * clamp01(1 - (d + 6) / 18)];
  } },
  { sd: (x, y) => sdRoundRect(x, y, 100, 100, 924, 924, 185), color: vGradient('#5b5fe0', '#27236f', 100, 924) },
  // a faint highlight along the top of the tile
  { sd: (x, y) => subtract(sdRoundRect(x, y, 100, 100, 924, 924, 185), sdRoundRect(x, y, 100, 108, 924, 940, 185)),
    color: rgb('#ffffff', 0.18) },
  { sd: bubble, color: rgb('#ffffff') },
  { sd: lines, color: rgb('#aeb2f4') },
  // gap between the magnifier and what is behind it, in the tile colour
  { sd: (x, y) => Math.max(magnifier(x, y) - 22, sdRoundRect(x, y, 100, 100, 924, 924, 185)),
    color: vGradient('#5b5fe0', '#27236f', 100, 924) },
  // lens glass: opaque, lightly tinted, with a highlight
  { sd: (x, y) => sdCircle(x, y, LENS.cx, LENS.cy, LENS.r), color: rgb('#ffffff') },
  { sd: (x, y) => sdCircle(x, y, LENS.cx, LENS.cy, LENS.r), color: rgb('#8fd3ff', 0.35) },
  { sd: (x, y) => sdCapsule(x, y, 575, 545, 610, 510, 26), color: rgb('#ffffff', 0.9) },
  { sd: handle, color: vGradient('#f59e0b', '#c2410c', 700, 860) },
  { sd: lensRing, color: vGradient('#fcd34d', '#f59e0b', 440, 760) },
];

// ---------------------------------------------------------------------------------------------------------------------
// Tray icons, drawn in a 16-unit square (the 32 px @2x versions are the same drawing at twice the resolution).

const T = { cx: 6.2, cy: 7.4, r: 4.1, stroke: 1.7, dot: 1.9, badge: { x: 13, y: 3 } };
const trayLensRing = (x, y) => ring(sdCircle(x, y, T.cx, T.cy, T.r), T.stroke);
const trayHandle = (x, y) => sdCapsule(x, y, 9.6, 10.8, 13.6, 14.8, 2.3);
const trayDot = (x, y) => sdCircle(x, y, T.cx, T.cy, T.dot);
const trayDiamond = (x, y) => sdDiamond(x, y, T.badge.x, T.badge.y, 2.6);
const trayBang = (x, y) =>
  union(sdCapsule(x, y, T.badge.x, 0.9, T.badge.x, 3.6, 1.8), sdCircle(x, y, T.badge.x, 5.9, 0.95));

/** Shapes of a tray state: the lens with the state mark (and the badge cut free of the lens by a transparent gap). */
function trayShape(state) {
  const lens = (x, y) => union(trayLensRing(x, y), trayHandle(x, y));
  const badge = state === 'proxy' ? trayDiamond : state === 'error' ? trayBang : null;
  const withDot = state === 'capturing' || state === 'proxy';
  const body = (x, y) => (withDot ? union(lens(x, y), trayDot(x, y)) : lens(x, y));
  if (!badge) return { body, badge: null };
  return { body: (x, y) => subtract(body(x, y), badge(x, y) - 1.3), badge };
}

const TRAY_COLOURS = {
  idle: { body: '#8b93a1', badge: '#8b93a1' },
  capturing: { body: '#22c55e', badge: '#22c55e' },
  proxy: { body: '#3b82f6', badge: '#3b82f6' },
  error: { body: '#ef4444', badge: '#ef4444' },
};

function trayLayers(state, template) {
  const { body, badge } = trayShape(state);
  const c = template ? { body: '#000000', badge: '#000000' } : TRAY_COLOURS[state];
  /** @type {Layer[]} */
  const layers = [{ sd: body, color: rgb(c.body) }];
  if (badge) layers.push({ sd: badge, color: rgb(c.badge) });
  return layers;
}

// ---------------------------------------------------------------------------------------------------------------------

/** Every output file: repo-relative path → PNG bytes (exported for tests that want to check determinism). */
export function makeIcons() {
  /** @type {Map<string, Buffer>} */
  const out = new Map();
  out.set('assets/icon.png', render(APP_ICON_SIZE, 1024, appIconLayers));
  for (const n of LINUX_ICON_SIZES) {
    // small sizes get a slightly wider ramp so thin strokes do not alias
    out.set(`assets/icons/${n}x${n}.png`, render(n, 1024, appIconLayers, { soften: n <= 32 ? 1.15 : 1 }));
  }
  for (const state of TRAY_STATES) {
    for (const template of [false, true]) {
      const base = template ? `trayTemplate-${state}` : `tray-${state}`;
      out.set(`assets/tray/${base}.png`, render(16, 16, trayLayers(state, template)));
      out.set(`assets/tray/${base}@2x.png`, render(32, 16, trayLayers(state, template)));
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = makeIcons();
  for (const [rel, bytes] of files) {
    const path = join(repoRoot, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  console.log(`make-icons: wrote ${files.size} PNGs under ${assetsDir}`);
}
