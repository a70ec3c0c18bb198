import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyUpstreamError } from '../../src-main/proxy/index.js';
import { UpstreamTimeoutError } from '../../src-main/proxy/upstream-errors.js';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

test('network and TLS failures map to the four named causes', () => {
  assert.equal(classifyUpstreamError(err('ECONNREFUSED'), 'h').code, 'upstream_unreachable');
  assert.equal(classifyUpstreamError(err('ENOTFOUND'), 'h').code, 'upstream_unreachable');
  assert.equal(classifyUpstreamError(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'h').code, 'upstream_tls_verify_failed');
  assert.equal(classifyUpstreamError(err('ERR_TLS_CERT_ALTNAME_INVALID'), 'h').code, 'upstream_tls_verify_failed');
  assert.equal(classifyUpstreamError(err('ECONNRESET'), 'h').code, 'upstream_reset');
  assert.equal(classifyUpstreamError(new Error('socket hang up'), 'h').code, 'upstream_reset');
  const t = classifyUpstreamError(new UpstreamTimeoutError('headers', 10), 'api.openai.com');
  assert.equal(t.code, 'upstream_timeout');
  assert.equal(t.status, 504);
  assert.match(t.message, /api\.openai\.com/);
  assert.ok(t.hint.length > 10);
});
