import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, test } from 'node:test';
import type { ServiceEvent } from '../../src-main/contract/index.js';
import { IpcEventBridge, type EventWindow } from '../../src-main/electron/ipc-events.js';
import { IPC_EVENTS } from '../../src-main/electron/ipc-router.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

// Live events from a real core to windows: the same framing as the WebSocket.
let t: TestInspector;
before(async () => {
  t = await startTestInspector();
});
after(() => t.close());

class RecordingWindow extends EventEmitter implements EventWindow {
  readonly messages: { channel: string; events: ServiceEvent[] }[] = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, message: string): void {
    this.messages.push({ channel, events: (JSON.parse(message) as { events: ServiceEvent[] }).events });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function bridgeOver(ti: TestInspector) {
  const svc = ti.inspector.service;
  return new IpcEventBridge({ onAny: (fn) => svc.events.onAny(fn), greeting: () => ({ event: 'capture.status', data: svc.capture }) });
}

test('a window that subscribes is greeted with the capture status, then gets the core events in batches', async () => {
  const bridge = bridgeOver(t);
  const win = new RecordingWindow(1);
  bridge.subscribe(win);
  assert.equal(win.messages[0]?.channel, IPC_EVENTS);
  assert.equal(win.messages[0]?.events[0]?.event, 'capture.status');
  bridge.subscribe(win); // a reload subscribes again: still one subscription, greeted again
  assert.equal(bridge.subscribers, 1);
  assert.equal(win.messages[1]?.events[0]?.event, 'capture.status');
  win.messages.splice(1, 1);

  await t.inspector.service.call('config.set', { capture: { recordTunnels: false } });
  await new Promise((r) => setTimeout(r, 120));
  const names = win.messages.slice(1).flatMap((m) => m.events.map((e) => e.event));
  assert.ok(names.includes('config.changed'), names.join(','));
  // one message per 50 ms batch, not one per event
  assert.ok(win.messages.length - 1 <= names.length);
  bridge.close();
});

test('a closed window is dropped, and the service is not watched once no window listens', async () => {
  const bridge = bridgeOver(t);
  const a = new RecordingWindow(10);
  const b = new RecordingWindow(11);
  bridge.subscribe(a);
  bridge.subscribe(b);
  a.destroy();
  assert.equal(bridge.subscribers, 1);
  await t.inspector.service.call('config.set', { capture: { recordTunnels: true } });
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(a.messages.length, 1, 'only the greeting');
  assert.ok(b.messages.length >= 2);
  b.destroy();
  assert.equal(bridge.subscribers, 0);
  const before = b.messages.length;
  await t.inspector.service.call('config.set', { capture: { recordTunnels: false } });
  await new Promise((r) => setTimeout(r, 120));
  assert.equal(b.messages.length, before);
  bridge.close();
});
