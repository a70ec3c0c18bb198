import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBlocks, parseInline } from '../../../../src-renderer/views/exchange/markdown.js';

test('inline: bold, italic, code, links, line breaks; code wins over emphasis', () => {
  assert.deepEqual(parseInline('**Date:** the *first* `a*b*c`'), [
    { t: 'strong', c: [{ t: 'text', v: 'Date:' }] },
    { t: 'text', v: ' the ' },
    { t: 'em', c: [{ t: 'text', v: 'first' }] },
    { t: 'text', v: ' ' },
    { t: 'code', v: 'a*b*c' },
  ]);
  assert.deepEqual(parseInline('a\nb'), [{ t: 'text', v: 'a' }, { t: 'br' }, { t: 'text', v: 'b' }]);
  assert.deepEqual(parseInline('[docs](https://x.dev/a)'), [{ t: 'link', href: 'https://x.dev/a', c: [{ t: 'text', v: 'docs' }] }]);
});

test('inline: unsafe links and stray markers stay text', () => {
  assert.deepEqual(parseInline('[x](javascript:alert(1))'), [{ t: 'text', v: '[x](javascript:alert(1))' }]);
  assert.deepEqual(parseInline('snake_case_name and 2 * 3 * 4'), [{ t: 'text', v: 'snake_case_name and 2 * 3 * 4' }]);
  assert.deepEqual(parseInline('**unclosed'), [{ t: 'text', v: '**unclosed' }]);
  assert.deepEqual(parseInline('\\*literal\\*'), [{ t: 'text', v: '*literal*' }]);
});

test('blocks: headings, paragraphs, lists with continuation, hr, quotes', () => {
  const b = parseBlocks('# Title\n\nIntro line\nsecond line\n\n1. **One:** first\n   more of one\n2. Two\n\n- a\n- b\n\n---\n> quoted');
  assert.deepEqual(b.map((x) => x.t), ['h', 'p', 'list', 'list', 'hr', 'quote']);
  const ol = b[2];
  assert.ok(ol && ol.t === 'list');
  assert.equal(ol.ordered, true);
  assert.equal(ol.items.length, 2);
  assert.deepEqual(ol.items[0], [{ t: 'p', c: [{ t: 'strong', c: [{ t: 'text', v: 'One:' }] }, { t: 'text', v: ' first' }, { t: 'br' }, { t: 'text', v: 'more of one' }] }]);
  const ul = b[3];
  assert.ok(ul && ul.t === 'list' && !ul.ordered && ul.items.length === 2);
});

test('fenced code keeps its text; an unclosed fence (still streaming) runs to the end', () => {
  assert.deepEqual(parseBlocks('```python\nx = "**not bold**"\n```\nafter'), [
    { t: 'code', lang: 'python', v: 'x = "**not bold**"' },
    { t: 'p', c: [{ t: 'text', v: 'after' }] },
  ]);
  assert.deepEqual(parseBlocks('```\nstill going'), [{ t: 'code', lang: null, v: 'still going' }]);
});

test('tables', () => {
  const [t] = parseBlocks('| Model | Cost |\n|---|---:|\n| gpt-4o | $1 |\n| a \\| b | 2 |');
  assert.ok(t && t.t === 'table');
  assert.deepEqual(t.head, [[{ t: 'text', v: 'Model' }], [{ t: 'text', v: 'Cost' }]]);
  assert.deepEqual(t.rows[1], [[{ t: 'text', v: 'a | b' }], [{ t: 'text', v: '2' }]]);
});
