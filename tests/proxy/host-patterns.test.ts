import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MITM_HOSTS } from '../../src-main/contract/index.js';
import { HostPatterns, splitHostPort } from '../../src-main/proxy/index.js';

test('default allow-list matches the LLM hosts and nothing around them', () => {
  const p = new HostPatterns(DEFAULT_MITM_HOSTS);
  for (const h of ['api.openai.com', 'API.OpenAI.com', 'myres.openai.azure.com', 'us-central1-aiplatform.googleapis.com',
    'bedrock-runtime.eu-west-1.amazonaws.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'openrouter.ai']) {
    assert.ok(p.matches(h), h);
  }
  for (const h of ['openai.com', 'evil-api.openai.com', 'a.b.openai.azure.com', 'bedrock.eu-west-1.amazonaws.com',
    'api.openai.com.evil.net', 'github.com', 'xaiplatform.googleapis.com.x']) {
    assert.ok(!p.matches(h), h);
  }
  assert.ok(p.literalHosts().includes('api.openai.com'));
  assert.ok(!p.literalHosts().some((h) => h.includes('*')));
});

test('splitHostPort handles names, IPv4, IPv6 and defaults', () => {
  assert.deepEqual(splitHostPort('api.openai.com:443', 80), { host: 'api.openai.com', port: 443 });
  assert.deepEqual(splitHostPort('example.com', 443), { host: 'example.com', port: 443 });
  assert.deepEqual(splitHostPort('[::1]:8080', 443), { host: '::1', port: 8080 });
  assert.deepEqual(splitHostPort('127.0.0.1:5', 443), { host: '127.0.0.1', port: 5 });
});
