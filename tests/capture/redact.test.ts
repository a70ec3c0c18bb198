import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REDACTED_HEADERS, DEFAULT_REDACTED_QUERY_PARAMS } from '../../src-main/contract/index.js';
import { REDACTED_TAG, Redactor, SecretVault } from '../../src-main/capture/index.js';

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

test('a key seen again redacts the same, past the memo bound too, and stays in the vault while in use', () => {
  const vault = new SecretVault(50);
  const red = new Redactor({ headers: DEFAULT_REDACTED_HEADERS, queryParams: DEFAULT_REDACTED_QUERY_PARAMS, disabled: false }, vault);
  const auth = (v: string) => red.headers(['authorization', v])[0]?.[1] ?? '';
  const steady = auth('Bearer sk-steady');
  const tag = REDACTED_TAG.exec(steady)?.[1] ?? '';
  // 600 one-off values (SigV4 signatures are all different): more than the memo and the vault hold
  for (let i = 0; i < 600; i++) {
    assert.match(auth(`AWS4-HMAC-SHA256 Credential=AKIA/${i}, Signature=${i.toString(16)}`), /^AWS4-HMAC-SHA256 \[REDACTED sha256:[0-9a-f]{8}\]$/);
    if (i % 10 === 0) assert.equal(auth('Bearer sk-steady'), steady);
  }
  assert.equal(auth('Bearer sk-steady'), steady);
  assert.equal(vault.recall(tag), 'Bearer sk-steady', 'the key in steady use was not pushed out of the vault');
  assert.notEqual(auth('Bearer sk-other'), steady);
});
