import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { after, before, test } from 'node:test';
import { IPC_EVENTS, IPC_INVOKE, IpcRouter } from '../../src-main/electron/ipc-router.js';
import { runCommand } from '../../src-main/server/index.js';
import { startApiWorld, type ApiWorld } from '../harness/api-world.js';

// Runs the compiled preload as Electron's sandbox would (CommonJS, only 'electron' requirable) with an ipcRenderer that
// hands messages to the real router over a real core: the bridge the window gets, end to end but for Electron itself.
const preloadSource = readFileSync(fileURLToPath(new URL('../../src-main/electron/preload.cjs', import.meta.url)), 'utf8');

interface Bridge {
  invoke(command: string, input: unknown): Promise<unknown>;
  onEvents(fn: (m: string) => void): () => void;
  resourceBase: string;
}

let world: ApiWorld;
let exposed: Record<string, unknown>;
const required: string[] = [];
const listeners = new Map<string, ((e: unknown, m: unknown) => void)[]>();
const sent: [string, unknown][] = [];

before(async () => {
  world = await startApiWorld();
  const router = new IpcRouter({ run: (c, i) => runCommand(world.t.inspector.service, c, i) });
  const ipcRenderer = {
    invoke: (channel: string, msg: unknown) => (channel === IPC_INVOKE ? router.handle('app://inspector/', msg) : Promise.reject(new Error(`no handler for ${channel}`))),
    on: (channel: string, fn: (e: unknown, m: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    off: (channel: string, fn: (e: unknown, m: unknown) => void) => listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
    send: (channel: string, m: unknown) => sent.push([channel, m]),
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => (exposed = { [key]: api }) };
  const module = { exports: {} };
  runInNewContext(preloadSource, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return { contextBridge, ipcRenderer };
    },
  });
});
after(() => world.close());

const bridge = () => exposed['llmInspector'] as Bridge;

test('the preload requires only electron and exposes exactly the bridge, under one name', () => {
  assert.deepEqual(required, ['electron']);
  assert.deepEqual(Object.keys(exposed), ['llmInspector']);
  assert.deepEqual(Object.keys(bridge()).sort(), ['invoke', 'onEvents', 'resourceBase']);
  assert.equal(bridge().resourceBase, '');
});

test('invoke reaches the service through the router and brings back its answer', async () => {
  const r = (await bridge().invoke('runtime.info', {})) as { ok: boolean; value: { proxyUrl: string } };
  assert.equal(r.ok, true);
  assert.equal(r.value.proxyUrl, world.t.proxyUrl);
});

test('an invalid message from the page is refused by the main side, whatever the preload passes on', async () => {
  const r = (await bridge().invoke('store.dropEverything', { please: true })) as { ok: boolean; error: { status: number } };
  assert.equal(r.ok, false);
  assert.equal(r.error.status, 400);
});

test('event messages arrive on the channel the router names; non-strings are dropped; unsubscribing stops them', () => {
  const got: string[] = [];
  const off = bridge().onEvents((m) => got.push(m));
  assert.deepEqual(sent.at(-1), [IPC_EVENTS, 'subscribe']);
  for (const fn of listeners.get(IPC_EVENTS) ?? []) {
    fn({}, '{"events":[]}');
    fn({}, { events: [] });
  }
  assert.deepEqual(got, ['{"events":[]}']);
  off();
  for (const fn of listeners.get(IPC_EVENTS) ?? []) fn({}, '{"events":[1]}');
  assert.equal(got.length, 1);
});
