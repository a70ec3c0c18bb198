// Every OS backend as data: the commands it would run (argument lists) and parsers fed with recorded outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gnomeReadCommands, gnomeSetCommands, parseGnomeState, parseGvStrings } from '../../src-main/system/proxy-gnome.js';
import { kdeProxyValue, kdeSetCommands, parseKdeState } from '../../src-main/system/proxy-kde.js';
import { macSetCommands, parseMacBypass, parseMacProxy, parseMacServices } from '../../src-main/system/proxy-macos.js';
import { parseWindowsState, WIN_KEY, windowsOverride, windowsSetCommands } from '../../src-main/system/proxy-windows.js';
import { detectBackend } from '../../src-main/system/index.js';

test('gnome: read commands, recorded gsettings outputs parsed, set commands end with the mode', () => {
  assert.deepEqual(gnomeReadCommands()[0], { file: 'gsettings', args: ['get', 'org.gnome.system.proxy', 'mode'] });
  const s = parseGnomeState(["'manual'\n", "'corp.example'\n", '3128\n', "'it\\'s'\n", 'uint32 443\n', "['localhost', '127.0.0.0/8', '::1']\n"]);
  assert.deepEqual(s, { backend: 'gnome', mode: 'manual', http: { host: 'corp.example', port: 3128 }, https: { host: "it's", port: 443 }, ignoreHosts: ['localhost', '127.0.0.0/8', '::1'] });
  assert.deepEqual(parseGvStrings('@as []\n'), []);
  const cmds = gnomeSetCommands({ mode: 'manual', http: { host: '127.0.0.1', port: 8080 }, https: { host: '127.0.0.1', port: 8080 }, ignoreHosts: ["a'b", 'localhost'] });
  assert.deepEqual(cmds.at(-1), { file: 'gsettings', args: ['set', 'org.gnome.system.proxy', 'mode', 'manual'] });
  assert.deepEqual(cmds[4], { file: 'gsettings', args: ['set', 'org.gnome.system.proxy', 'ignore-hosts', "['a\\'b', 'localhost']"] });
  assert.deepEqual(cmds[3], { file: 'gsettings', args: ['set', 'org.gnome.system.proxy.https', 'port', '8080'] });
});

test('kde: kwriteconfig6 argument lists, KIO reload signal, kreadconfig outputs parsed', () => {
  const cmds = kdeSetCommands(6, { proxyType: '1', httpProxy: kdeProxyValue('127.0.0.1', 8080), httpsProxy: kdeProxyValue('127.0.0.1', 8080), noProxyFor: 'localhost,127.0.0.1' });
  assert.deepEqual(cmds[0], { file: 'kwriteconfig6', args: ['--file', 'kioslaverc', '--group', 'Proxy Settings', '--key', 'httpProxy', 'http://127.0.0.1 8080'] });
  assert.deepEqual(cmds[3]?.args.slice(-2), ['ProxyType', '1']);
  // no shell in between: an empty D-Bus string argument is "string:", not "string:''"
  assert.deepEqual(cmds[4], { file: 'dbus-send', args: ['--type=signal', '/KIO/Scheduler', 'org.kde.KIO.Scheduler.reparseSlaveConfiguration', 'string:'] });
  assert.deepEqual(parseKdeState(['\n', '\n', '\n', '\n']), { backend: 'kde', proxyType: '0', httpProxy: '', httpsProxy: '', noProxyFor: '' });
});

test('macos: services list, proxy and bypass outputs as networksetup prints them, per-service set commands', () => {
  const list = 'An asterisk (*) denotes that a network service is disabled.\nWi-Fi\n*Bluetooth PAN\nThunderbolt Bridge\nUSB 10/100/1000 LAN\n';
  assert.deepEqual(parseMacServices(list), ['Wi-Fi', 'Thunderbolt Bridge', 'USB 10/100/1000 LAN']);
  assert.deepEqual(parseMacProxy('Enabled: Yes\nServer: 127.0.0.1\nPort: 8080\nAuthenticated Proxy Enabled: 0\n'), { enabled: true, host: '127.0.0.1', port: 8080 });
  assert.deepEqual(parseMacProxy('Enabled: No\nServer: \nPort: 0\nAuthenticated Proxy Enabled: 0\n'), { enabled: false, host: '', port: 0 });
  assert.deepEqual(parseMacBypass("There aren't any bypass domains set on Wi-Fi.\n"), []);
  assert.deepEqual(parseMacBypass('*.local\n169.254/16\n'), ['*.local', '169.254/16']);
  const p = { enabled: true, host: '127.0.0.1', port: 8080 };
  assert.deepEqual(macSetCommands({ service: 'Wi-Fi', web: p, secureWeb: p, bypass: [] }).map((c) => c.args), [
    ['-setwebproxy', 'Wi-Fi', '127.0.0.1', '8080'],
    ['-setwebproxystate', 'Wi-Fi', 'on'],
    ['-setsecurewebproxy', 'Wi-Fi', '127.0.0.1', '8080'],
    ['-setsecurewebproxystate', 'Wi-Fi', 'on'],
    ['-setproxybypassdomains', 'Wi-Fi', 'Empty'],
  ]);
  const off = { enabled: false, host: '', port: 0 };
  assert.deepEqual(macSetCommands({ service: 'Wi-Fi', web: off, secureWeb: off, bypass: ['*.local'] }).map((c) => c.args[0]), ['-setwebproxystate', '-setsecurewebproxystate', '-setproxybypassdomains']);
});

test('windows: reg query outputs parsed (missing values are null), reg add lists and the WinINet notify', () => {
  const q = (name: string, type: string, v: string) => `\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\r\n    ${name}    ${type}    ${v}\r\n\r\n`;
  assert.deepEqual(parseWindowsState([q('ProxyEnable', 'REG_DWORD', '0x1'), q('ProxyServer', 'REG_SZ', '127.0.0.1:8080'), null]), { backend: 'windows', proxyEnable: true, proxyServer: '127.0.0.1:8080', proxyOverride: null });
  assert.equal(parseWindowsState([q('ProxyEnable', 'REG_DWORD', '0x0'), null, null]).proxyEnable, false);
  const cmds = windowsSetCommands({ proxyEnable: true, proxyServer: '127.0.0.1:8080', proxyOverride: windowsOverride(['localhost']) });
  assert.deepEqual(cmds[0], { file: 'reg', args: ['add', WIN_KEY, '/v', 'ProxyServer', '/t', 'REG_SZ', '/d', '127.0.0.1:8080', '/f'] });
  assert.deepEqual(cmds[1]?.args.slice(-3), ['/d', 'localhost;<local>', '/f']);
  assert.deepEqual(cmds[2]?.args.slice(3), ['ProxyEnable', '/t', 'REG_DWORD', '/d', '1', '/f']);
  assert.equal(cmds[3]?.file, 'powershell.exe');
  assert.match(cmds[3]?.args.at(-1) ?? '', /InternetSetOption\(\[IntPtr\]::Zero, 39.*InternetSetOption\(\[IntPtr\]::Zero, 37/);
  // a value that did not exist before is deleted on restore, not set to an empty string
  assert.deepEqual(windowsSetCommands({ proxyEnable: false, proxyServer: null, proxyOverride: null })[0]?.args.slice(0, 1), ['delete']);
});

test('backend detection: macOS, Windows, KDE, GNOME, and nothing on a bare Linux or another OS', () => {
  const has = (tools: string[]) => (t: string) => tools.includes(t);
  assert.equal(detectBackend({ platform: 'darwin', env: {}, has: has([]) }), 'macos');
  assert.equal(detectBackend({ platform: 'win32', env: {}, has: has([]) }), 'windows');
  assert.equal(detectBackend({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' }, has: has(['kwriteconfig5', 'gsettings']) }), 'kde');
  assert.equal(detectBackend({ platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, has: has(['gsettings']) }), 'gnome');
  assert.equal(detectBackend({ platform: 'linux', env: {}, has: has([]) }), null);
  assert.equal(detectBackend({ platform: 'freebsd', env: {}, has: has(['gsettings']) }), null);
});
