import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpQueue } from '../../src-main/ingest/op-queue.js';
import { beginOp, finishOp } from '../store/fixtures.js';

test('a finish replaces a queued begin in place; a begin never replaces a finish', () => {
  const q = new OpQueue(100, 1e9);
  q.push(beginOp(1));
  q.push(beginOp(2));
  q.push(finishOp(1));
  q.push(beginOp(1));
  const ops = q.take(10);
  assert.deepEqual(ops.map((o) => `${o.op}${o.id}`), ['finish1', 'begin2']);
});

test('beyond its bounds the oldest exchanges are dropped and counted', () => {
  const q = new OpQueue(3, 1e9);
  let dropped = 0;
  for (let i = 1; i <= 5; i++) dropped += q.push(beginOp(i));
  assert.equal(dropped, 2);
  assert.deepEqual(q.take(10).map((o) => o.id), [3, 4, 5]);
  const byBytes = new OpQueue(100, 150);
  const big = finishOp(1);
  big.request.raw = new Uint8Array(80);
  byBytes.push(big);
  assert.equal(byBytes.push({ ...finishOp(2), request: { ...big.request } }), 1);
  assert.equal(byBytes.size, 1);
  assert.equal(byBytes.unshift([beginOp(0)]), 0);
  assert.deepEqual(byBytes.take(10).map((o) => o.id), [0, 2]);
});
