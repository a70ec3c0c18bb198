import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { IpcRouter, type IpcResult } from '../../src-main/electron/ipc-router.js';
import { runCommand } from '../../src-main/server/index.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';

// The main-process end of the bridge over a real core: what a compromised or confused renderer could send.
let world: ApiWorld;
let router: IpcRouter;
const logged: string[] = [];
const PAGE = 'app://inspector/#/traffic';

before(async () => {
  world = await startApiWorld();
  router = new IpcRouter({ run: (c, i) => runCommand(world.t.inspector.service, c, i), log: (m) => logged.push(m) });
});
after(() => world.close());

function error(r: IpcResult) {
  assert.equal(r.ok, false, JSON.stringify(r));
  return (r as Extract<IpcResult, { ok: false }>).error;
}

test('a command of the contract runs and answers what REST answers', async () => {
  const r = await router.handle(PAGE, { command: 'config.get', input: {} });
  assert.equal(r.ok, true);
  const rest = await (await fetch(`${world.api.url}/api/config`, { headers: { authorization: `Bearer ${world.api.token}` } })).json();
  assert.deepEqual((r as { value: unknown }).value, rest);
  // no input means no arguments, as an empty query string does over REST
  assert.equal((await router.handle(PAGE, { command: 'stats.get' })).ok, true);
});

test('messages that are not a command envelope are refused with the reason', async () => {
  for (const bad of [null, 'stats.get', 42, [], {}, { command: 'process.exit', input: {} }, { command: 'stats.get', input: {}, extra: 1 }, { command: ['stats.get'] }]) {
    const e = error(await router.handle(PAGE, bad));
    assert.equal(e.status, 400, JSON.stringify(bad));
    assert.equal(e.type, 'invalid_message');
  }
});

test("a command's input is checked by its own schema before the service sees it", async () => {
  const e = error(await router.handle(PAGE, { command: 'exchanges.get', input: { id: -3 } }));
  assert.equal(e.status, 400);
  assert.equal(e.type, 'invalid_input');
  assert.match(e.message, /id/);
  const cfg = error(await router.handle(PAGE, { command: 'config.set', input: { proxy: { port: 70000 } } }));
  assert.equal(cfg.status, 400);
  assert.equal((await world.t.inspector.service.call('config.get', {})).proxy.port === 70000, false);
});

test('service errors keep their status: a missing exchange is 404', async () => {
  const e = error(await router.handle(PAGE, { command: 'exchanges.get', input: { id: 999999 } }));
  assert.equal(e.status, 404);
  assert.equal(e.type, 'not_found');
});

test('only our own page may call: other origins, frames with no URL and lookalikes are refused', async () => {
  for (const sender of ['https://evil.example/', 'app://inspector.evil/', 'app://other/', 'file:///tmp/x.html', '', 'not a url']) {
    const e = error(await router.handle(sender, { command: 'stats.get', input: {} }));
    assert.equal(e.status, 403, sender);
    assert.equal(e.type, 'forbidden_sender');
  }
  assert.ok(logged.some((m) => m.includes('evil.example')));
});

test('a command that throws unexpectedly becomes a 500 value, not an exception across IPC', async () => {
  const failing = new IpcRouter({ run: async () => { throw new Error('disk on fire'); } });
  const e = error(await failing.handle(PAGE, { command: 'stats.get', input: {} }));
  assert.equal(e.status, 500);
  assert.equal(e.message, 'disk on fire');
});
