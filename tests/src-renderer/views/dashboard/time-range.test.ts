import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bucketForSpan,
  bucketStarts,
  fromLocalInput,
  parseInstant,
  parseRange,
  rangeParams,
  toLocalInput,
  wholeRangeBucket,
} from '../../../../src-renderer/views/dashboard/time-range.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 24, 15, 7, 30);

describe('parseRange', () => {
  it('reads a preset relative to now', () => {
    const r = parseRange(new URLSearchParams('range=6h'), NOW);
    assert.deepEqual(r, { key: '6h', since: NOW - 6 * HOUR, until: NOW });
  });

  it('defaults to the last 24 hours when the range is missing or unknown', () => {
    assert.equal(parseRange(new URLSearchParams(''), NOW).key, '24h');
    assert.equal(parseRange(new URLSearchParams('range=2y'), NOW).since, NOW - DAY);
  });

  it('reads a custom range in epoch ms or ISO form', () => {
    const from = Date.UTC(2026, 10, 1);
    const to = Date.UTC(2026, 10, 2);
    assert.deepEqual(parseRange(new URLSearchParams(`range=custom&from=${from}&to=${to}`), NOW), { key: 'custom', since: from, until: to });
    assert.deepEqual(parseRange(new URLSearchParams('range=custom&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z'), NOW), {
      key: 'custom',
      since: from,
      until: to,
    });
  });

  it('lets a custom range without `to` run until now', () => {
    const r = parseRange(new URLSearchParams(`range=custom&from=${NOW - HOUR}`), NOW);
    assert.deepEqual(r, { key: 'custom', since: NOW - HOUR, until: NOW });
  });

  it('falls back to the default for a backwards or unreadable custom range', () => {
    assert.equal(parseRange(new URLSearchParams(`range=custom&from=${NOW}&to=${NOW - 1}`), NOW).key, '24h');
    assert.equal(parseRange(new URLSearchParams('range=custom&from=yesterday'), NOW).key, '24h');
  });
});

describe('rangeParams', () => {
  it('keeps presets free of times so a bookmark stays relative', () => {
    assert.deepEqual(rangeParams({ key: '7d', since: 1, until: 2 }), { range: '7d', from: undefined, to: undefined });
  });
  it('writes a custom range as epoch ms that parseRange reads back', () => {
    const p = rangeParams({ key: 'custom', since: 1000, until: 5000 });
    assert.deepEqual(p, { range: 'custom', from: '1000', to: '5000' });
    const back = parseRange(new URLSearchParams(p as Record<string, string>), NOW);
    assert.deepEqual(back, { key: 'custom', since: 1000, until: 5000 });
  });
});

describe('parseInstant', () => {
  it('reads digits as epoch ms and rejects junk', () => {
    assert.equal(parseInstant('1795534520000'), 1795534520000);
    assert.equal(parseInstant('nope'), null);
    assert.equal(parseInstant(''), null);
    assert.equal(parseInstant(null), null);
  });
});

describe('bucketForSpan', () => {
  it('gives each preset a round bucket and at most 100 bars', () => {
    const expected: Array<[number, number]> = [
      [15 * MIN, 10_000],
      [HOUR, MIN],
      [6 * HOUR, 5 * MIN],
      [DAY, 15 * MIN],
      [7 * DAY, 2 * HOUR],
      [30 * DAY, 12 * HOUR],
    ];
    for (const [span, bucket] of expected) {
      assert.equal(bucketForSpan(span), bucket, `span ${span}`);
      assert.ok(span / bucket <= 100);
    }
  });
  it('caps very long ranges at the widest step', () => {
    assert.equal(bucketForSpan(10 * 365 * DAY), 30 * DAY);
  });
});

describe('bucketStarts', () => {
  it('covers the range with buckets aligned to multiples of the width', () => {
    const starts = bucketStarts(NOW - 15 * MIN, NOW, 5 * MIN);
    assert.equal(starts.length, 4);
    for (const s of starts) assert.equal(s % (5 * MIN), 0);
    assert.ok(starts[0]! <= NOW - 15 * MIN && starts[0]! + 5 * MIN > NOW - 15 * MIN);
    assert.ok(starts[starts.length - 1]! < NOW);
  });
  it('is empty for an empty range or a zero width', () => {
    assert.deepEqual(bucketStarts(10, 10, 1000), []);
    assert.deepEqual(bucketStarts(0, 10_000, 0), []);
  });
});

describe('wholeRangeBucket', () => {
  it('returns a width whose one aligned bucket holds the whole range', () => {
    const spans = [15 * MIN, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 90 * DAY];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const span of spans) {
      for (let i = 0; i < 40; i++) {
        const since = Math.floor(Date.UTC(2020, 0, 1) + rand() * 10 * 365 * DAY);
        const until = since + span;
        const b = wholeRangeBucket(since, until);
        assert.ok(b !== null, `no bucket for span ${span} at ${since}`);
        assert.ok(Number.isInteger(b) && b >= 1000 && b <= 366 * DAY);
        assert.equal(Math.floor(since / b), Math.floor((until - 1) / b), `span ${span} at ${since} crosses a boundary of ${b}`);
      }
    }
  });
  it('gives up on ranges longer than half the widest server bucket', () => {
    assert.equal(wholeRangeBucket(0, 200 * DAY), null);
  });
});

describe('local datetime inputs', () => {
  it('round-trip an instant to the minute', () => {
    const t = new Date(2026, 10, 24, 9, 5).getTime();
    assert.equal(toLocalInput(t), '2026-11-24T09:05');
    assert.equal(fromLocalInput(toLocalInput(t)), t);
  });
  it('reject malformed values', () => {
    assert.equal(fromLocalInput(''), null);
    assert.equal(fromLocalInput('2026-11-24'), null);
  });
});
