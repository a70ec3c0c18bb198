import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slotted } from '../../../../src-renderer/views/traffic/row-slots.js';

const rows = Array.from({ length: 100 }, (_, i) => ({ id: 1000 - i }));
const window = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ index: from + i }));
/** slot → row id */
const ids = (out: ({ index: number } | undefined)[], list = rows) => out.map((item) => (item ? list[item.index]!.id : undefined));

test('a first window takes slots in order', () => {
  const assigned = new Map<number, number>();
  assert.deepEqual(ids(slotted(assigned, window(0, 5), rows)), [1000, 999, 998, 997, 996]);
});

test('scrolling: rows that stay keep their slot, rows scrolled in take the slots of rows scrolled out', () => {
  const assigned = new Map<number, number>();
  slotted(assigned, window(0, 5), rows);
  const out = ids(slotted(assigned, window(2, 7), rows));
  assert.deepEqual(out, [995, 994, 998, 997, 996]);
  // no slot shows two rows, and the pool did not grow
  assert.equal(out.length, 5);
  assert.deepEqual(ids(slotted(assigned, window(3, 9), rows)), [995, 994, 993, 997, 996, 992]);
});

test('a row arriving above keeps every other row in its slot', () => {
  const assigned = new Map<number, number>();
  slotted(assigned, window(0, 4), rows);
  const grown = [{ id: 1001 }, ...rows];
  // the list shifted by one: the new row takes the slot of the one pushed out at the bottom
  assert.deepEqual(ids(slotted(assigned, window(0, 4), grown), grown), [1000, 999, 998, 1001]);
});

test('a window that shrinks leaves holes, and a jump far away reuses every slot', () => {
  const assigned = new Map<number, number>();
  slotted(assigned, window(0, 4), rows);
  const out = slotted(assigned, window(1, 3), rows);
  assert.deepEqual(ids(out), [undefined, 999, 998]);
  assert.deepEqual(ids(slotted(assigned, window(50, 54), rows)), [950, 949, 948, 947]);
  assert.equal(assigned.size, 4);
});
