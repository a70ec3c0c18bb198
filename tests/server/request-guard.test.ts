import assert from 'node:assert/strict';
import type http from 'node:http';
import { test } from 'node:test';
import { RequestGuard } from '../../src-main/server/index.js';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;
const g = new RequestGuard('tok123', 8090, '127.0.0.1');
const u = (q = '') => new URL(`http://x/api${q}`);

test('host must name this server (DNS rebinding) and origin must be ours (CSRF)', () => {
  assert.equal(g.checkOrigin(req({ host: '127.0.0.1:8090' })).ok, true);
  assert.equal(g.checkOrigin(req({ host: 'localhost:8090', origin: 'http://localhost:8090' })).ok, true);
  const rebound = g.checkOrigin(req({ host: 'evil.example:8090' }));
  assert.equal(rebound.ok, false);
  assert.equal(!rebound.ok && rebound.status, 403);
  const csrf = g.checkOrigin(req({ host: '127.0.0.1:8090', origin: 'https://evil.example' }));
  assert.equal(!csrf.ok && csrf.status, 403);
  assert.equal(g.checkOrigin(req({ host: '127.0.0.1:9999' })).ok, false);
});

test('token from bearer header, query or cookie; wrong or missing → 401', () => {
  assert.equal(g.checkToken(req({ authorization: 'Bearer tok123' }), u()).ok, true);
  assert.equal(g.checkToken(req({}), u('?token=tok123')).ok, true);
  assert.equal(g.checkToken(req({ cookie: 'a=b; llmi_token=tok123' }), u()).ok, true);
  const none = g.checkToken(req({}), u());
  assert.equal(!none.ok && none.status, 401);
  assert.equal(g.checkToken(req({ authorization: 'Bearer tok124' }), u()).ok, false);
});
