import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BodyTee } from '../../src-main/capture/body-tee.js';

test('keeps bytes up to the cap, counts all of them, flags truncation', () => {
  const t = new BodyTee(5);
  t.push(Buffer.from('abc'));
  t.push(Buffer.from('defg'));
  t.push(Buffer.from('hij'));
  assert.equal(t.bytes, 10);
  assert.equal(t.truncated, true);
  assert.equal(Buffer.from(t.take() ?? []).toString(), 'abcde');
});

test('a zero cap counts without keeping and is not a truncation', () => {
  const t = new BodyTee(0);
  t.push(Buffer.from('abc'));
  assert.equal(t.bytes, 3);
  assert.equal(t.truncated, false);
  assert.equal(t.take(), null);
});
