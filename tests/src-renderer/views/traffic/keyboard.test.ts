import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyAction, moveCursor } from '../../../../src-renderer/views/traffic/keyboard.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyAction', () => {
  it('maps the list keys', () => {
    assert.deepEqual(keyAction(key('j'), 'other'), { type: 'move', delta: 1 });
    assert.deepEqual(keyAction(key('ArrowUp'), 'other'), { type: 'move', delta: -1 });
    assert.deepEqual(keyAction(key('Enter'), 'other'), { type: 'open' });
    assert.deepEqual(keyAction(key('Escape'), 'other'), { type: 'close' });
    assert.deepEqual(keyAction(key('/'), 'other'), { type: 'focusFilter' });
    assert.deepEqual(keyAction(key('End'), 'other'), { type: 'last' });
    assert.deepEqual(keyAction(key('c'), 'other'), { type: 'compare' });
  });

  it('leaves text fields and modified keys alone', () => {
    assert.equal(keyAction(key('j'), 'filter'), null);
    assert.equal(keyAction(key('/'), 'editable'), null);
    assert.equal(keyAction(key('Escape'), 'editable'), null);
    assert.deepEqual(keyAction(key('Escape'), 'filter'), { type: 'leaveFilter' });
    assert.equal(keyAction(key('1', { altKey: true }), 'other'), null);
    assert.equal(keyAction(key('c', { metaKey: true }), 'other'), null);
  });
});

describe('moveCursor', () => {
  it('stays inside the list and starts from an end', () => {
    assert.equal(moveCursor(-1, 1, 5), 0);
    assert.equal(moveCursor(-1, -1, 5), 4);
    assert.equal(moveCursor(4, 1, 5), 4);
    assert.equal(moveCursor(0, -10, 5), 0);
    assert.equal(moveCursor(2, 20, 0), -1);
  });
});
