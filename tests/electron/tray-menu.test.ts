import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trayIconState, trayMenu, trayTooltip, type TrayItem, type TrayState } from '../../src-main/electron/tray-menu.js';

const base: TrayState = {
  capturing: true,
  pausedReason: null,
  systemProxy: { supported: true, enabled: false, pointsHere: false, note: null },
  proxyUrl: 'http://127.0.0.1:8080',
  recentErrors: [],
  windowVisible: false,
  platform: 'linux',
};

function find(items: TrayItem[], label: RegExp): TrayItem {
  const hit = items.find((i) => i.type !== 'separator' && label.test(i.label));
  assert.ok(hit, `no item ${label}`);
  return hit;
}

test('the icon shows the state: error beats everything, then capture off, then system proxy on', () => {
  assert.equal(trayIconState(base), 'capturing');
  assert.equal(trayIconState({ ...base, systemProxy: { ...base.systemProxy!, enabled: true, pointsHere: true } }), 'proxy');
  assert.equal(trayIconState({ ...base, capturing: false }), 'idle');
  assert.equal(trayIconState({ ...base, capturing: false, pausedReason: 'disk full' }), 'error');
  assert.match(trayTooltip({ ...base, pausedReason: 'disk full' }), /127\.0\.0\.1:8080.*capture paused: disk full/);
});

test('the menu carries every action the issue names, each toggle showing its state and flipping it', () => {
  const m = trayMenu(base);
  const labels = m.filter((i) => i.type !== 'separator').map((i) => (i as { label: string }).label);
  for (const l of [/Open LLM Inspector/, /Capture traffic/, /system proxy/i, /intercepted terminal/, /Copy terminal setup/, /No recent errors/, /Quit/]) {
    assert.ok(labels.some((x) => l.test(x)), `${l} in ${labels.join(' | ')}`);
  }
  assert.deepEqual(find(m, /Capture traffic/), { type: 'checkbox', label: 'Capture traffic', enabled: true, checked: true, action: { kind: 'set-capture', enabled: false } });
  const sp = find(m, /system proxy/i);
  assert.equal(sp.type === 'checkbox' && sp.checked, false);
  assert.deepEqual(sp.type === 'checkbox' ? sp.action : null, { kind: 'set-system-proxy', enabled: true });
  const on = find(trayMenu({ ...base, systemProxy: { supported: true, enabled: true, pointsHere: true, note: null } }), /system proxy/i);
  assert.deepEqual(on.type === 'checkbox' ? [on.checked, on.action] : null, [true, { kind: 'set-system-proxy', enabled: false }]);
  // pointing at another proxy: unchecked, and says so
  const other = find(trayMenu({ ...base, systemProxy: { supported: true, enabled: true, pointsHere: false, note: null } }), /system proxy/i);
  assert.match(other.type === 'checkbox' ? other.label : '', /another proxy/);
  assert.deepEqual(find(trayMenu({ ...base, windowVisible: true }), /Hide/).type, 'normal');
});

test('where the system proxy cannot be set, the item is disabled and points to the terminal setup', () => {
  const m = trayMenu({ ...base, systemProxy: { supported: false, enabled: false, pointsHere: false, note: 'no gsettings or kwriteconfig' } });
  const sp = find(m, /System proxy: not supported/);
  assert.equal(sp.type !== 'separator' && sp.enabled, false);
  assert.equal(find(trayMenu({ ...base, systemProxy: null }), /checking/).type, 'normal');
});

test('recent errors: newest first, capped, each opening its exchange, and a Clear', () => {
  const errors = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, at: Date.UTC(2026, 10, 24, 10, 0, i), label: `502 api.openai.com — upstream_reset ${i}` }));
  const sub = find(trayMenu({ ...base, recentErrors: errors }), /Recent errors \(12\)/);
  assert.equal(sub.type, 'submenu');
  const items = sub.type === 'submenu' ? sub.items : [];
  const actions = items.flatMap((i) => (i.type === 'normal' && i.action ? [i.action] : []));
  assert.deepEqual(actions.slice(0, 3), [{ kind: 'open-exchange', id: 12 }, { kind: 'open-exchange', id: 11 }, { kind: 'open-exchange', id: 10 }]);
  assert.equal(actions.filter((a) => a.kind === 'open-exchange').length, 8);
  assert.deepEqual(actions.at(-1), { kind: 'clear-errors' });
});

test('a paused capture is shown with its reason, and the env snippet offers the shells of the platform', () => {
  const m = trayMenu({ ...base, pausedReason: 'the disk is full: free space or lower retention' });
  assert.match((find(m, /Capture paused/) as { label: string }).label, /disk is full/);
  const shells = (plat: NodeJS.Platform) => {
    const sub = find(trayMenu({ ...base, platform: plat }), /Copy terminal setup/);
    return sub.type === 'submenu' ? sub.items.map((i) => (i.type === 'normal' && i.action?.kind === 'copy-env' ? i.action.shell : null)) : [];
  };
  assert.deepEqual(shells('win32'), ['powershell', 'cmd', 'bash']);
  assert.deepEqual(shells('darwin'), ['bash', 'fish', 'powershell']);
});
