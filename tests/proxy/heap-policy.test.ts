import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import { DEFAULT_HEAP_GROWING_PERCENT, HEAP_GROWING_ENV, heapGrowingPercent, limitHeapGrowth } from '../../src-main/proxy/index.js';

test('heap growing percent: the default, the variable, and the user’s own Node flag winning', () => {
  assert.equal(heapGrowingPercent({}, []), DEFAULT_HEAP_GROWING_PERCENT);
  assert.equal(heapGrowingPercent({ [HEAP_GROWING_ENV]: '50' }, []), 50);
  assert.equal(heapGrowingPercent({ [HEAP_GROWING_ENV]: '0' }, []), null, '0 keeps V8’s own heuristics');
  assert.equal(heapGrowingPercent({ [HEAP_GROWING_ENV]: 'lots' }, []), DEFAULT_HEAP_GROWING_PERCENT);
  assert.equal(heapGrowingPercent({ [HEAP_GROWING_ENV]: '-3' }, []), DEFAULT_HEAP_GROWING_PERCENT);
  assert.equal(heapGrowingPercent({}, ['--heap-growing-percent=80']), null);
  assert.equal(heapGrowingPercent({ NODE_OPTIONS: '--heap_growing_percent=80' }, []), null);
});

test('limitHeapGrowth applies once per process and keeps what it applied', () => {
  const first = limitHeapGrowth({}, []);
  assert.equal(first, DEFAULT_HEAP_GROWING_PERCENT);
  assert.equal(limitHeapGrowth({ [HEAP_GROWING_ENV]: '70' }, []), first, 'later calls change nothing');
  // the process keeps working with the flag set (a collection runs through the new growing rule)
  const junk: unknown[] = [];
  for (let i = 0; i < 200_000; i++) junk.push({ i });
  junk.length = 0;
  assert.ok(v8.getHeapStatistics().used_heap_size > 0);
});
