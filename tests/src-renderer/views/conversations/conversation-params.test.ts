import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PAGE_SIZE,
  conversationQuery,
  filterParams,
  pageInfo,
  parseConversationFilters,
  shortId,
} from '../../../../src-renderer/views/conversations/conversation-params.js';

const NOW = 1_800_000_000_000;

describe('parseConversationFilters', () => {
  it('reads every filter from the URL', () => {
    const f = parseConversationFilters(new URLSearchParams('provider=openai&model=gpt-4*&tag=agent&range=24h&page=3'));
    assert.deepEqual(f, { provider: 'openai', model: 'gpt-4*', tag: 'agent', range: '24h', from: null, to: null, page: 3 });
  });
  it('defaults to all time, page 1', () => {
    const f = parseConversationFilters(new URLSearchParams('page=-2&range=forever'));
    assert.equal(f.range, 'all');
    assert.equal(f.page, 1);
    assert.equal(f.provider, '');
  });
  it('keeps a custom range only with a readable start', () => {
    assert.deepEqual(parseConversationFilters(new URLSearchParams('range=custom&from=1000&to=2000')).from, 1000);
    assert.equal(parseConversationFilters(new URLSearchParams('range=custom&to=2000')).range, 'all');
  });
});

describe('conversationQuery', () => {
  it('turns filters into the list command input, page into offset', () => {
    const q = conversationQuery(parseConversationFilters(new URLSearchParams('provider=anthropic&model=claude*&range=1h&page=2')), NOW);
    assert.deepEqual(q, { limit: PAGE_SIZE, offset: PAGE_SIZE, provider: 'anthropic', model: 'claude*', since: NOW - 3_600_000 });
  });
  it('leaves out empty filters and passes a custom range through', () => {
    assert.deepEqual(conversationQuery(parseConversationFilters(new URLSearchParams('')), NOW), { limit: PAGE_SIZE, offset: 0 });
    const q = conversationQuery(parseConversationFilters(new URLSearchParams('range=custom&from=5&to=9')), NOW);
    assert.equal(q.since, 5);
    assert.equal(q.until, 9);
  });
});

describe('filterParams', () => {
  it('drops empty values and the first page from the URL', () => {
    assert.deepEqual(filterParams({ provider: '', model: 'gpt*', page: 1 }), { provider: undefined, model: 'gpt*', page: undefined });
  });
  it('writes a range and clears custom times for presets', () => {
    assert.deepEqual(filterParams({ range: '7d', from: null, to: null }), { range: '7d', from: undefined, to: undefined, page: undefined });
    assert.deepEqual(filterParams({ range: 'all' }), { range: undefined, from: undefined, to: undefined, page: undefined });
  });
  it('round-trips through the parser', () => {
    const p = filterParams({ provider: 'gemini', tag: 'x y', range: 'custom', from: 10, to: 20, page: 4 });
    const back = parseConversationFilters(new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined)));
    assert.deepEqual(back, { provider: 'gemini', model: '', tag: 'x y', range: 'custom', from: 10, to: 20, page: 4 });
  });
});

describe('pageInfo', () => {
  it('describes the shown slice and its neighbours', () => {
    assert.deepEqual(pageInfo(2, PAGE_SIZE, 234), { first: 51, last: 100, total: 234, hasPrev: true, hasNext: true, pages: 5 });
    assert.deepEqual(pageInfo(5, 34, 234), { first: 201, last: 234, total: 234, hasPrev: true, hasNext: false, pages: 5 });
    assert.deepEqual(pageInfo(1, 0, 0), { first: 0, last: 0, total: 0, hasPrev: false, hasNext: false, pages: 1 });
  });
});

describe('shortId', () => {
  it('keeps short ids and abbreviates long ones', () => {
    assert.equal(shortId('c:12'), 'c:12');
    assert.equal(shortId('sess_0123456789abcdef'), 'sess_0…abcdef');
  });
});
