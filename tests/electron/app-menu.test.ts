import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../src-main/electron/app-menu.js';

function all(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
}
const click = (i: MenuItemConstructorOptions | undefined) => (i?.click as unknown as () => void)();

test('the Go menu opens each view and shows its Alt+digit key without stealing it from the page', () => {
  const went: string[] = [];
  const h = { go: (x: string) => went.push(x), openInBrowser: () => {}, openDataDir: () => {}, openLog: () => {}, openDocs: () => {} };
  const go = appMenuTemplate('linux', h).find((m) => m.label === 'Go');
  const items = (go?.submenu ?? []) as MenuItemConstructorOptions[];
  assert.equal(items.length, 7);
  assert.deepEqual(items.map((i) => i.accelerator), ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+7']);
  assert.ok(items.every((i) => i.registerAccelerator === false));
  for (const i of items) click(i);
  assert.deepEqual(went, ['#/traffic', '#/conversations', '#/dashboard', '#/export', '#/setup', '#/settings', '#/about']);
});

test('the usual shortcuts per platform: Quit and Settings in File elsewhere, in the app menu on macOS', () => {
  const noop = { go: () => {}, openInBrowser: () => {}, openDataDir: () => {}, openLog: () => {}, openDocs: () => {} };
  const linux = appMenuTemplate('linux', noop);
  assert.equal(linux[0]?.label, 'File');
  assert.ok(all(linux).some((i) => i.role === 'quit'));
  assert.ok(all(linux).some((i) => i.role === 'editMenu'), 'copy/paste/select all');
  assert.ok(all(linux).some((i) => i.accelerator === 'CmdOrCtrl+,'));
  const mac = appMenuTemplate('darwin', noop);
  assert.equal(mac[0]?.role, 'appMenu');
  const appItems = (mac[0]?.submenu ?? []) as MenuItemConstructorOptions[];
  assert.ok(appItems.some((i) => i.role === 'quit') && appItems.some((i) => i.accelerator === 'CmdOrCtrl+,'));
  assert.ok(!((mac[1]?.submenu ?? []) as MenuItemConstructorOptions[]).some((i) => i.role === 'quit'));
});
