import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../src-main/electron/window-state.js';

test('window state round-trips through its file; a missing, corrupt or invalid file gives the default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'llmi-win-'));
  try {
    const file = join(dir, 'sub', 'window-state.json');
    assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW_STATE);
    saveWindowState(file, { x: 40, y: 30, width: 1400, height: 900, maximized: true });
    assert.deepEqual(loadWindowState(file), { x: 40, y: 30, width: 1400, height: 900, maximized: true });
    writeFileSync(file, '{"x": 1, "wid');
    assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: 10, height: 10 }));
    assert.deepEqual(loadWindowState(file), DEFAULT_WINDOW_STATE);
    assert.throws(() => saveWindowState(file, { width: -5, height: 900, maximized: false }));
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify({ width: 10, height: 10 }), 'a refused save leaves the file alone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a position still on a display is kept; one left on an unplugged monitor is dropped; too big shrinks', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 870 };
  const external = { x: 1440, y: 0, width: 2560, height: 1400 };
  const onExternal = { x: 1600, y: 100, width: 2000, height: 1200, maximized: false };
  assert.deepEqual(fitToDisplays(onExternal, [laptop, external]), onExternal);
  assert.deepEqual(fitToDisplays(onExternal, [laptop]), { width: 1440, height: 870, maximized: false });
  // only a sliver of the title bar visible is as bad as none
  assert.equal(fitToDisplays({ x: 1420, y: 10, width: 800, height: 600, maximized: false }, [laptop]).x, undefined);
  assert.deepEqual(fitToDisplays(DEFAULT_WINDOW_STATE, []), DEFAULT_WINDOW_STATE);
});
