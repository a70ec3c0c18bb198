import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StaticUi, uiContentSecurityPolicy } from '../../src-main/server/static-ui.js';

const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

function builtUi(): string {
  const dir = tempDir('llmi-ui-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
  return dir;
}

test('serves the built index and hashed assets with their types', async () => {
  const ui = new StaticUi(builtUi());
  assert.equal(ui.built, true);
  assert.match(ui.indexHtml()!.toString(), /id="root"/);
  const js = await ui.asset('/assets/index-abc.js');
  assert.equal(js?.type, 'text/javascript; charset=utf-8');
  assert.equal(js?.body.toString(), 'console.log(1)');
  assert.equal(js?.immutable, true);
  assert.equal((await ui.asset('/assets/index-abc.css'))?.type, 'text/css; charset=utf-8');
});

test('a rebuilt index is served without restarting', async () => {
  const dir = builtUi();
  const ui = new StaticUi(dir);
  assert.match(ui.indexHtml()!.toString(), /id="root"/);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><p>rebuilt</p>');
  const later = new Date(Date.now() + 5000);
  utimesSync(join(dir, 'index.html'), later, later);
  assert.match(ui.indexHtml()!.toString(), /rebuilt/);
});

test('nothing outside the assets folder is reachable', async () => {
  const ui = new StaticUi(builtUi());
  for (const p of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/secret.txt', '/assets/%E0%A4%A', '/assets/missing.js']) {
    assert.equal(await ui.asset(p), null, p);
  }
});

test('an unbuilt renderer is reported so the server can fall back', () => {
  const ui = new StaticUi(tempDir('llmi-noui-'));
  assert.equal(ui.built, false);
  assert.equal(ui.indexHtml(), null);
});

test('the page policy allows only this server for scripts and connections', () => {
  const csp = uiContentSecurityPolicy('127.0.0.1:8090');
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self' ws:\/\/127\.0\.0\.1:8090/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
});
