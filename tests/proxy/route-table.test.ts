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

test('reverse: the proxy path a client would have called for an upstream URL, checked by resolving it back', () => {
  assert.equal(table.reverse('https://api.openai.com/v1/chat/completions'), '/openai/v1/chat/completions');
  assert.equal(table.reverse('https://api.anthropic.com/v1/messages?beta=true'), '/anthropic/v1/messages?beta=true');
  assert.equal(table.reverse('http://127.0.0.1:11434/api/chat'), '/ollama/api/chat');
  // no named route: the generic one, with a port when it is not the default
  assert.equal(table.reverse('https://api.mistral.ai/v1/chat/completions'), '/https/api.mistral.ai/v1/chat/completions');
  assert.equal(table.reverse('https://local:8443/x'), '/https/local:8443/x');
  assert.equal(table.reverse('http://example.com/x'), null);
  assert.equal(table.reverse('not a url'), null);
  const t = new RouteTable([
    { prefix: '/openai', target: 'https://api.openai.com' },
    { prefix: '/eu', target: 'https://eu.example.com/base' },
  ]);
  assert.equal(t.reverse('https://eu.example.com/base/v1/x?q=1'), '/eu/v1/x?q=1');
  assert.equal(t.reverse('https://eu.example.com/based/v1'), null);
  assert.equal(t.reverse('https://eu.example.com/other'), null);
  for (const url of ['https://api.openai.com/v1/x', 'https://eu.example.com/base/v1/x?q=1']) {
    const p = t.reverse(url);
    assert.ok(p);
    const back = t.resolve(p);
    assert.equal(`https://${back?.host}${back?.path}`, url);
  }
});
