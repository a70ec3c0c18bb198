import assert from 'node:assert/strict';
import { test } from 'node:test';
import { externalLinkAllowed, mainWindowOptions, navigationAllowed } from '../../src-main/electron/window-options.js';

test('the window runs the renderer sandboxed and isolated, without Node, from the saved place', () => {
  const o = mainWindowOptions({ x: 5, y: 6, width: 1000, height: 700, maximized: false }, { preload: '/p/preload.cjs', icon: '/i.png' }, true);
  const w = o.webPreferences ?? {};
  assert.equal(w.contextIsolation, true);
  assert.equal(w.sandbox, true);
  assert.equal(w.nodeIntegration, false);
  assert.equal(w.nodeIntegrationInSubFrames, false);
  assert.equal(w.webviewTag, false);
  assert.equal(w.webSecurity, true);
  assert.equal(w.allowRunningInsecureContent, false);
  assert.equal(w.preload, '/p/preload.cjs');
  assert.deepEqual([o.x, o.y, o.width, o.height, o.show], [5, 6, 1000, 700, false]);
  assert.equal(mainWindowOptions({ width: 900, height: 600, maximized: false }, { preload: 'p', icon: 'i' }, false).x, undefined);
});

test('navigation stays on our page; only plain web links may open, in the browser', () => {
  assert.equal(navigationAllowed('app://inspector/#/traffic?id=3'), true);
  for (const u of ['https://example.com/', 'app://inspector.evil/', 'file:///etc/passwd', 'javascript:alert(1)', '']) assert.equal(navigationAllowed(u), false, u);
  assert.equal(externalLinkAllowed('https://platform.openai.com/docs'), true);
  for (const u of ['file:///etc/passwd', 'javascript:alert(1)', 'app://inspector/', 'smb://host/share', 'https://user:pw@example.com/']) assert.equal(externalLinkAllowed(u), false, u);
});
