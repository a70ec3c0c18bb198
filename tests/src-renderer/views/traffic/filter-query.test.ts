import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  filterTextFromParams,
  formatFilter,
  isEmptyFilter,
  parseFilter,
  removeTerms,
  setFlagTerm,
  setTerm,
  termLabel,
  type FilterFields,
} from '../../../../src-renderer/views/traffic/filter-query.js';

const NOW = Date.UTC(2025, 0, 31, 12, 0, 0);

describe('parseFilter', () => {
  it('reads the full example of the brief', () => {
    const text =
      'model:gpt-4* provider:OpenAI status:>=400 state:streaming host:*.openai.com tag:checkout conv:c:12 cost:>0.01 duration:>2000 tokens:>1000 since:15m errors llm "refund policy" plain words';
    const { filter, errors } = parseFilter(text, NOW);
    assert.deepEqual(errors, []);
    assert.deepEqual(filter, {
      model: 'gpt-4*',
      provider: 'openai',
      statusMin: 400,
      state: ['streaming'],
      host: '*.openai.com',
      tag: 'checkout',
      conversationId: 'c:12',
      costMin: 0.01,
      durationMin: 2000,
      tokensMin: 1001,
      since: NOW - 15 * 60_000,
      errorsOnly: true,
      llmOnly: true,
      search: '"refund policy" plain words',
    });
  });

  it('reads status classes, ranges and strict bounds on whole numbers', () => {
    assert.deepEqual(parseFilter('status:5xx').filter, { statusMin: 500, statusMax: 599 });
    assert.deepEqual(parseFilter('status:400-499').filter, { statusMin: 400, statusMax: 499 });
    assert.deepEqual(parseFilter('status:<300').filter, { statusMax: 299 });
    assert.deepEqual(parseFilter('status:404').filter, { statusMin: 404, statusMax: 404 });
    assert.deepEqual(parseFilter('status:>=400 status:<500').filter, { statusMin: 400, statusMax: 499 });
  });

  it('reads units on durations, tokens and costs', () => {
    assert.deepEqual(parseFilter('duration:>2s').filter, { durationMin: 2000 });
    assert.deepEqual(parseFilter('dur:500ms-1.5s').filter, { durationMin: 500, durationMax: 1500 });
    assert.deepEqual(parseFilter('tokens:2k..4k').filter, { tokensMin: 2000, tokensMax: 4000 });
    assert.deepEqual(parseFilter('cost:<$0.5').filter, { costMax: 0.5 });
  });

  it('reads times: relative, named days, dates', () => {
    assert.equal(parseFilter('since:2h', NOW).filter.since, NOW - 2 * 3600_000);
    assert.equal(parseFilter('since:1d', NOW).filter.since, NOW - 86400_000);
    assert.equal(parseFilter('until:2025-01-02T03:04:05.000Z', NOW).filter.until, Date.UTC(2025, 0, 2, 3, 4, 5));
    assert.equal(parseFilter('since:2025-01-02', NOW).filter.since, new Date(2025, 0, 2).getTime());
    const today = new Date(NOW);
    today.setHours(0, 0, 0, 0);
    assert.equal(parseFilter('since:today', NOW).filter.since, today.getTime());
  });

  it('keeps quoted values and phrases together', () => {
    const p = parseFilter('model:"my model" "two words" tag:x');
    assert.equal(p.filter.model, 'my model');
    assert.equal(p.filter.search, '"two words"');
    assert.equal(p.filter.tag, 'x');
    assert.deepEqual(p.terms.map((t) => t.key), ['model', 'search', 'tag']);
  });

  it('merges state and mode lists, and accepts is: flags', () => {
    assert.deepEqual(parseFilter('state:pending,streaming state:error mode:tunnel is:errors is:llm').filter, {
      state: ['pending', 'streaming', 'error'],
      mode: ['tunnel'],
      errorsOnly: true,
      llmOnly: true,
    });
  });

  it('reports errors with their position and leaves the bad term out', () => {
    const text = 'model:gpt-4o status:abc foo:bar state:sleeping since:never cost:5-1 tag:';
    const { filter, errors } = parseFilter(text, NOW);
    assert.deepEqual(filter, { model: 'gpt-4o' });
    assert.deepEqual(
      errors.map((e) => e.raw),
      ['status:abc', 'foo:bar', 'state:sleeping', 'since:never', 'cost:5-1', 'tag:'],
    );
    const bad = errors[0];
    assert.ok(bad);
    assert.equal(text.slice(bad.start, bad.end), 'status:abc');
    assert.match(errors[1]?.message ?? '', /unknown filter "foo:"/);
    assert.match(errors[2]?.message ?? '', /sleeping/);
    assert.match(errors[4]?.message ?? '', /empty/);
  });

  it('warns about a repeated single-value filter and uses the last', () => {
    const { filter, errors } = parseFilter('model:a model:b');
    assert.equal(filter.model, 'b');
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /more than once/);
  });

  it('reports an unclosed quote but still searches its words', () => {
    const { filter, errors } = parseFilter('"refund pol');
    assert.equal(filter.search, '"refund pol');
    assert.match(errors[0]?.message ?? '', /quote/);
  });

  it('treats quoted flag words and key-like text as search words', () => {
    assert.deepEqual(parseFilter('"errors" "a:b"').filter, { search: '"errors" "a:b"' });
  });
});

describe('formatFilter', () => {
  const cases: FilterFields[] = [
    {},
    { model: 'gpt-4*', provider: 'openai', host: '*.openai.com', method: 'POST' },
    { statusMin: 500, statusMax: 599, state: ['pending', 'streaming'], mode: ['mitm', 'base-url'] },
    { tag: 'check out', conversationId: 'c:12', costMin: 0.0000001, durationMax: 1500.5, tokensMin: 1000, tokensMax: 2000 },
    { since: NOW - 900_000, until: NOW, errorsOnly: true, llmOnly: true },
    { search: '"refund policy" plain words' },
    { statusMax: 299, costMin: 0.01, costMax: 0.01 },
  ];
  for (const f of cases) {
    it(`round-trips ${JSON.stringify(f)}`, () => {
      const text = formatFilter(f);
      const back = parseFilter(text, NOW);
      assert.deepEqual(back.errors, []);
      assert.deepEqual(back.filter, f);
    });
  }

  it('writes a readable canonical text', () => {
    assert.equal(formatFilter({ model: 'gpt-4*', statusMin: 400, errorsOnly: true, search: 'refund' }), 'model:gpt-4* status:>=400 errors refund');
  });

  it('quotes search words that would read as filters', () => {
    const text = formatFilter({ search: 'errors model:x' });
    assert.equal(text, '"errors" "model:x"');
    assert.equal(parseFilter(text).filter.model, undefined);
  });
});

describe('editing filter text', () => {
  it('removes a chip by its span', () => {
    const text = 'model:gpt-4o  errors "refund policy"';
    const { terms } = parseFilter(text);
    const errorsTerm = terms.find((t) => t.key === 'errors');
    assert.ok(errorsTerm);
    assert.equal(removeTerms(text, [errorsTerm]), 'model:gpt-4o "refund policy"');
  });

  it('sets, replaces and clears one filter', () => {
    assert.equal(setTerm('errors', 'provider', 'openai'), 'errors provider:openai');
    assert.equal(setTerm('provider:openai errors', 'provider', 'anthropic'), 'errors provider:anthropic');
    assert.equal(setTerm('provider:openai errors', 'provider', null), 'errors');
    assert.equal(setTerm('', 'model', 'my model'), 'model:"my model"');
  });

  it('switches flags on and off', () => {
    assert.equal(setFlagTerm('model:x', 'errors', true), 'model:x errors');
    assert.equal(setFlagTerm('model:x errors is:error', 'errors', false), 'model:x');
    assert.equal(setFlagTerm('llm', 'llm', false), '');
  });

  it('tells an empty filter from a narrowing one', () => {
    assert.equal(isEmptyFilter({}), true);
    assert.equal(isEmptyFilter({ state: [] }), true);
    assert.equal(isEmptyFilter({ errorsOnly: true }), false);
    assert.equal(isEmptyFilter({ model: 'x' }), false);
  });
});

describe('filterTextFromParams', () => {
  it('turns contract parameters into filter text', () => {
    const text = filterTextFromParams(new URLSearchParams('model=gpt-4*&errorsOnly=true&statusMin=500&tag=x&id=3'));
    assert.equal(text, 'model:gpt-4* status:>=500 tag:x errors');
  });

  it('gives null without filter parameters', () => {
    assert.equal(filterTextFromParams(new URLSearchParams('id=3&q=model%3Ax')), null);
  });
});

describe('termLabel', () => {
  it('shows epoch-millisecond times as local dates and leaves other terms as typed', () => {
    const ms = new Date(2025, 0, 31, 9, 5).getTime();
    const [since] = parseFilter(`since:${ms}`).terms;
    assert.ok(since);
    assert.equal(termLabel(since), 'since:2025-01-31 09:05');
    assert.equal(termLabel({ kind: 'time', raw: 'since:15m' }), 'since:15m');
    assert.equal(termLabel({ kind: 'text', raw: 'model:x' }), 'model:x');
  });
});
