import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketFilter, filterQuery, groupFilter, quoteValue, trafficParams } from '../../../../src-renderer/views/dashboard/traffic-link.js';

describe('filterQuery', () => {
  it('writes tokens in a fixed order', () => {
    assert.equal(
      filterQuery({ errors: true, until: 2000, model: 'gpt-4o', since: 1000, provider: 'openai', tag: 'agent', conversation: 'c:3' }),
      'provider:openai model:gpt-4o tag:agent conv:c:3 since:1000 until:2000 errors',
    );
  });
  it('quotes values with spaces or quotes', () => {
    assert.equal(filterQuery({ tag: 'my tag' }), 'tag:"my tag"');
    assert.equal(quoteValue('say "hi"'), '"say hi"');
    assert.equal(quoteValue(''), '""');
    assert.equal(quoteValue('models/gemini-2.0-flash'), 'models/gemini-2.0-flash');
  });
  it('is empty for an empty filter, and the link then has no q', () => {
    assert.equal(filterQuery({}), '');
    assert.deepEqual(trafficParams({}), { q: undefined });
    assert.deepEqual(trafficParams({ provider: 'anthropic' }), { q: 'provider:anthropic' });
  });
});

describe('groupFilter', () => {
  it('maps a chart group to its filter token', () => {
    assert.deepEqual(groupFilter('provider', 'openai'), { provider: 'openai' });
    assert.deepEqual(groupFilter('model', 'gpt-4o'), { model: 'gpt-4o' });
    assert.deepEqual(groupFilter('tag', 'support'), { tag: 'support' });
  });
  it('adds nothing for rows without a group or an inexpressible grouping', () => {
    assert.deepEqual(groupFilter('provider', null), {});
    assert.deepEqual(groupFilter('conversation', 'c:1'), {});
  });
});

describe('bucketFilter', () => {
  it('is the bucket, clamped to the dashboard range', () => {
    assert.deepEqual(bucketFilter(1000, 1000, { since: 0, until: 10_000 }), { since: 1000, until: 2000 });
    assert.deepEqual(bucketFilter(0, 1000, { since: 400, until: 10_000 }), { since: 400, until: 1000 });
    assert.deepEqual(bucketFilter(9000, 1000, { since: 0, until: 9500 }), { since: 9000, until: 9500 });
  });
});

describe('links read by the Traffic view', () => {
  it('parse in its filter language to the same fields', async () => {
    const { parseFilter } = await import('../../../../src-renderer/views/traffic/filter-query.js');
    const since = Date.UTC(2026, 10, 24, 14, 0);
    const parsed = parseFilter(filterQuery({ provider: 'openai', model: 'gpt-4.1', tag: 'my tag', conversation: 'c:3', since, until: since + 900_000, errors: true }));
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.filter, {
      provider: 'openai',
      model: 'gpt-4.1',
      tag: 'my tag',
      conversationId: 'c:3',
      since,
      until: since + 900_000,
      errorsOnly: true,
    });
  });
});
