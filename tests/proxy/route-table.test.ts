import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ROUTES } from '../../src-main/contract/index.js';
import { RouteTable } from '../../src-main/proxy/index.js';

const table = new RouteTable(DEFAULT_ROUTES);

test('the default routes map base URLs onto provider origins', () => {
  assert.deepEqual(table.resolve('/openai/v1/chat/completions'), {
    protocol: 'https:', host: 'api.openai.com', port: 443, path: '/v1/chat/completions', prefix: '/openai',
  });
  assert.equal(table.resolve('/anthropic/v1/messages?beta=true')?.path, '/v1/messages?beta=true');
  assert.equal(table.resolve('/gemini/v1beta/models/gemini-2.5-flash:generateContent')?.host, 'generativelanguage.googleapis.com');
  const ollama = table.resolve('/ollama/api/chat');
  assert.equal(ollama?.protocol, 'http:');
  assert.equal(ollama?.port, 11434);
  assert.equal(ollama?.path, '/api/chat');
});

test('the generic /https/<host>/ route takes the host from the path and rejects junk hosts', () => {
  const r = table.resolve('/https/api.mistral.ai/v1/chat/completions');
  assert.equal(r?.host, 'api.mistral.ai');
  assert.equal(r?.path, '/v1/chat/completions');
  assert.equal(table.resolve('/https/local:8443/x')?.port, 8443);
  assert.equal(table.resolve('/https/bad@host/x'), null);
  assert.equal(table.resolve('/https/'), null);
});

test('longest prefix wins, target base paths are kept, unknown paths do not match', () => {
  const t = new RouteTable([
    { prefix: '/openai', target: 'https://api.openai.com' },
    { prefix: '/openai/eu', target: 'https://eu.api.openai.com/base' },
  ]);
  assert.equal(t.resolve('/openai/eu/v1/x')?.host, 'eu.api.openai.com');
  assert.equal(t.resolve('/openai/eu/v1/x')?.path, '/base/v1/x');
  assert.equal(t.resolve('/openaix/v1'), null);
  assert.equal(t.resolve('/nothing'), null);
});
