import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REDACTED_HEADERS, DEFAULT_REDACTED_QUERY_PARAMS } from '../../src-main/contract/index.js';
import { Redactor } from '../../src-main/capture/index.js';

const r = new Redactor({ headers: DEFAULT_REDACTED_HEADERS, queryParams: DEFAULT_REDACTED_QUERY_PARAMS, disabled: false });

test('secret headers are replaced by a tag, other headers kept in order and case', () => {
  const pairs = r.headers(['Authorization', 'Bearer sk-secret-1', 'x-api-key', 'sk-ant-2', 'Content-Type', 'application/json', 'X-Goog-Api-Key', 'g']);
  assert.equal(pairs.length, 4);
  assert.match(pairs[0]?.[1] ?? '', /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/);
  assert.ok(!JSON.stringify(pairs).includes('sk-secret-1'));
  assert.ok(!JSON.stringify(pairs).includes('sk-ant-2'));
  assert.deepEqual(pairs[2], ['Content-Type', 'application/json']);
  assert.equal(pairs[3]?.[0], 'X-Goog-Api-Key');
  // two different keys stay distinguishable
  assert.notEqual(r.headers(['authorization', 'Bearer a'])[0]?.[1], r.headers(['authorization', 'Bearer b'])[0]?.[1]);
});

test('secret query parameters are redacted, the rest of the URL is untouched', () => {
  const u = r.url('/v1beta/models/g:generateContent?alt=sse&key=AIzaSECRET&x=1');
  assert.ok(!u.includes('AIzaSECRET'));
  assert.ok(u.startsWith('/v1beta/models/g:generateContent?alt=sse&key='));
  assert.ok(u.endsWith('&x=1'));
  assert.equal(r.url('/plain/path'), '/plain/path');
});

test('redaction can be switched off explicitly', () => {
  const off = new Redactor({ headers: ['authorization'], queryParams: ['key'], disabled: true });
  assert.deepEqual(off.headers(['authorization', 'Bearer x']), [['authorization', 'Bearer x']]);
  assert.equal(off.url('/?key=1'), '/?key=1');
});
