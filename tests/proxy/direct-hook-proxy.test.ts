import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IContext } from 'http-mitm-proxy';
import { DirectHookProxy } from '../../src-main/proxy/direct-hook-proxy.js';

class Probe extends DirectHookProxy {
  calls: string[] = [];
  protected handleRequest(_ctx: IContext, callback: (err?: Error) => void): void {
    this.calls.push('request');
    callback();
  }
  protected handleResponse(_ctx: IContext, callback: (err?: Error) => void): void {
    this.calls.push('response');
    callback();
  }
}

/** the handler lists the library puts on every ctx, empty */
function ctx(): IContext {
  const lists = ['onRequestHandlers', 'onResponseHandlers', 'onRequestDataHandlers', 'onResponseDataHandlers', 'onRequestEndHandlers', 'onResponseEndHandlers', 'onErrorHandlers'];
  return Object.fromEntries(lists.map((k) => [k, []])) as unknown as IContext;
}

test('with no library handlers, every hook calls back at once and the subclass hooks run', () => {
  const p = new Probe();
  const c = ctx();
  const seen: unknown[] = [];
  p._onRequest(c, (err) => seen.push(err ?? 'ok'));
  p._onRequestHeaders(c, (err) => seen.push(err ?? 'ok'));
  p._onResponse(c, (err) => seen.push(err ?? 'ok'));
  p._onResponseHeaders(c, (err) => seen.push(err ?? 'ok'));
  const chunk = Buffer.from('body');
  p._onRequestData(c, chunk, (err, out) => seen.push(err ?? out));
  p._onResponseData(c, chunk, (err, out) => seen.push(err ?? out));
  p._onRequestEnd(c, (err) => seen.push(err ?? 'ok'));
  p._onResponseEnd(c, (err) => seen.push(err ?? 'ok'));
  // synchronously, as async.forEach over an empty list did
  assert.deepEqual(seen, ['ok', 'ok', 'ok', 'ok', chunk, chunk, 'ok', 'ok']);
  assert.deepEqual(p.calls, ['request', 'response']);
});

test('a handler registered the library way runs through the library dispatch, then the subclass hook', () => {
  const p = new Probe();
  const c = ctx();
  p.onResponseData((_ctx, chunk, callback) => callback(null, Buffer.concat([chunk as Buffer, Buffer.from('!')])));
  let out: unknown = null;
  p._onResponseData(c, Buffer.from('body'), (_err, data) => (out = data));
  assert.equal(String(out), 'body!');

  const order: string[] = [];
  p.onRequest((_ctx, callback) => {
    order.push('library handler');
    callback();
  });
  p._onRequest(c, () => order.push('done'));
  assert.deepEqual(order, ['library handler', 'done']);
  assert.deepEqual(p.calls, ['request'], 'the subclass hook still runs, after the library handlers');

  // a library handler that fails stops there, as in the library
  p.onResponse((_ctx, callback) => callback(new Error('refused')));
  let failed: unknown = null;
  p._onResponse(c, (err) => (failed = err));
  assert.equal((failed as Error | null)?.message, 'refused');
  assert.deepEqual(p.calls, ['request']);
});
