// The in-memory secret vault: filled by the Redactor, bounded LRU, and the restore helpers resend uses; and the
// one-use replay markers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REDACTED_HEADERS, DEFAULT_REDACTED_QUERY_PARAMS } from '../../src-main/contract/index.js';
import { Redactor, ReplayMarkers, restoreHeaders, restoreUrl, SecretVault } from '../../src-main/capture/index.js';

const rules = { headers: DEFAULT_REDACTED_HEADERS, queryParams: DEFAULT_REDACTED_QUERY_PARAMS, disabled: false };

test('what the Redactor hides, the vault gives back: headers whole (scheme included), query values as sent', () => {
  const vault = new SecretVault();
  const r = new Redactor(rules, vault);
  const pairs = r.headers(['Authorization', 'Bearer sk-secret-1', 'x-api-key', 'sk-ant-2', 'Content-Type', 'application/json']);
  const back = restoreHeaders(pairs, vault);
  assert.equal(back.missing, false);
  assert.deepEqual(back.value, [['Authorization', 'Bearer sk-secret-1'], ['x-api-key', 'sk-ant-2'], ['Content-Type', 'application/json']]);

  const url = r.url('https://h/v1/x?alt=sse&key=AIza%2FSECRET&api_key=two&x=1#frag');
  assert.ok(!url.includes('SECRET'));
  const u = restoreUrl(url, vault);
  assert.equal(u.missing, false);
  assert.equal(u.value, 'https://h/v1/x?alt=sse&key=AIza%2FSECRET&api_key=two&x=1#frag');
});

test('an unknown tag is kept as is and reported missing', () => {
  const r = new Redactor(rules, new SecretVault());
  const empty = new SecretVault();
  const h = restoreHeaders(r.headers(['authorization', 'Bearer gone']), empty);
  assert.equal(h.missing, true);
  assert.match(h.value[0]?.[1] ?? '', /^Bearer \[REDACTED sha256:[0-9a-f]{8}\]$/);
  const u = restoreUrl(r.url('/x?key=gone'), empty);
  assert.equal(u.missing, true);
  assert.match(u.value, /key=%5BREDACTED%20sha256%3A[0-9a-f]{8}%5D/);
  assert.deepEqual(restoreHeaders([['x', 'plain']], empty), { value: [['x', 'plain']], missing: false });
  assert.deepEqual(restoreUrl('/p?a=%ZZ&b=1', empty), { value: '/p?a=%ZZ&b=1', missing: false });
});

test('the vault is bounded: least recently used goes first, a recall counts as use', () => {
  const v = new SecretVault(3);
  v.remember('a', '1');
  v.remember('b', '2');
  v.remember('c', '3');
  assert.equal(v.recall('a'), '1');
  v.remember('d', '4');
  assert.equal(v.size, 3);
  assert.equal(v.recall('b'), undefined);
  assert.deepEqual(['a', 'c', 'd'].map((k) => v.recall(k)), ['1', '3', '4']);
  const big = new SecretVault();
  const r = new Redactor(rules, big);
  for (let i = 0; i < 1500; i++) r.headers(['authorization', `Bearer k${i}`]);
  assert.equal(big.size, 1000);
});

test('redaction switched off keeps nothing in the vault', () => {
  const v = new SecretVault();
  new Redactor({ ...rules, disabled: true }, v).headers(['authorization', 'Bearer x']);
  assert.equal(v.size, 0);
});

test('replay markers: claimed once with the exchange id, unknown and spent tokens ignored, cancel gives null', async () => {
  const m = new ReplayMarkers();
  const a = m.issue();
  const b = m.issue();
  assert.notEqual(a.token, b.token);
  m.claim('nope', 1);
  m.claim(a.token, 7);
  m.claim(a.token, 8);
  assert.equal(await a.exchangeId, 7);
  b.cancel();
  assert.equal(await b.exchangeId, null);
  assert.equal(m.pending, 0);
});
