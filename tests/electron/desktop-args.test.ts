import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDesktopArgs } from '../../src-main/electron/desktop-args.js';

test('our flags are read from Electron argv; Chromium switches and the app path are ignored', () => {
  const argv = ['/opt/electron', '.', '--no-sandbox', '--enable-features=X', '--data-dir', '/tmp/inst-2', '--proxy-port=9001', '--hidden'];
  assert.deepEqual(parseDesktopArgs(argv), { dataDir: '/tmp/inst-2', proxyPort: 9001, hidden: true });
  assert.deepEqual(parseDesktopArgs(['/opt/LLM Inspector/llm-inspector']), { hidden: false });
});

test('a bad value names the flag', () => {
  assert.throws(() => parseDesktopArgs(['electron', '.', '--proxy-port', '70000']), /invalid --proxy-port/);
  assert.throws(() => parseDesktopArgs(['electron', '.', '--ui-port', 'eighty']), /invalid --ui-port/);
});
