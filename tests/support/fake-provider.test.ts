// Self-tests of the fake upstream provider and its throw-away PKI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { Agent, fetch, request } from 'undici';
import { fixtureBytes, fixtureReply, sha256, startProvider, type FakeProvider, type Reply } from './fake-provider.js';
import { recordReads, firstMisalignedRead } from './sse-reader.js';
import { getTestPki, getUntrustedPki, type TestPki } from './test-pki.js';

interface NodeResult {
  status: number;
  body: Buffer;
  authorized: boolean;
  peerSan: string;
}

function nodeGet(p: FakeProvider, path: string, opts: { ca?: string; servername?: string } = {}): Promise<NodeResult> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: p.port, path, method: 'GET', ca: opts.ca, servername: opts.servername, agent: false },
      (res) => {
        const sock = res.socket as TLSSocket;
        const peerSan = sock.getPeerCertificate().subjectaltname ?? '';
        const authorized = sock.authorized;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts), authorized, peerSan }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('aborted')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function errText(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return [e.code, e.message, e.cause?.code, e.cause?.message].filter(Boolean).join(' | ');
}

describe('fake provider over TLS', () => {
  let pki: TestPki;
  let p: FakeProvider;
  let agent: Agent;
  const sseFile = 'anthropic/messages-text.sse';
  const routes = (): Parameters<typeof startProvider>[0]['routes'] => [
    { method: 'GET', path: '/hello', respond: { body: 'hi', headers: { 'content-type': 'text/plain' } } },
    { method: 'POST', path: '/sse', respond: () => fixtureReply(sseFile, { chunkDelayMs: 25 }) },
    { method: 'POST', path: '/long', respond: fixtureReply('openai/chat-text-include-usage.sse', { chunkDelayMs: 20 }) },
    { method: 'POST', path: /^\/fault\/([a-z-]+)/, respond: (r): Reply => {
      const fault = /^\/fault\/([a-z-]+)/.exec(r.url)?.[1] as Reply['fault'];
      const stream = r.url.includes('stream');
      return stream ? { ...fixtureReply(sseFile), fault } : { body: fixtureBytes('openai/chat-text.json'), fault };
    } },
    { method: 'GET', path: /^\/enc\//, respond: (r): Reply => {
      const [, , enc, mode] = r.url.split('/') as [string, string, 'gzip' | 'br' | 'deflate', string];
      return mode === 'stream' ? { ...fixtureReply(sseFile), encoding: enc } : { ...fixtureReply('openai/chat-text.json'), encoding: enc };
    } },
  ];

  before(async () => {
    pki = await getTestPki();
    p = await startProvider({ routes: routes() });
    agent = new Agent({ connect: { ca: pki.caPem, servername: 'api.openai.com' } });
  });
  after(async () => {
    await agent.close();
    await p.close();
  });

  it('serves a leaf that chains to the test CA for provider names and the 127.0.0.1 IP SAN', async () => {
    const r = await nodeGet(p, '/hello', { ca: pki.caPem, servername: 'api.openai.com' });
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), 'hi');
    assert.equal(r.authorized, true);
    for (const san of ['DNS:api.openai.com', 'DNS:api.anthropic.com', 'DNS:generativelanguage.googleapis.com', 'DNS:localhost', 'IP Address:127.0.0.1']) {
      assert.ok(r.peerSan.includes(san), `${san} in ${r.peerSan}`);
    }
    const rec = p.requests.at(-1)!;
    assert.equal(rec.servername, 'api.openai.com');
    assert.equal(rec.header('HOST'), `127.0.0.1:${p.port}`);
    assert.equal(readFileSync(pki.caPath, 'utf8'), pki.caPem);
    assert.equal(await getTestPki(), pki, 'one PKI per process');
    assert.equal(pki.leaf(['api.openai.com']), pki.leaf(['api.openai.com']), 'leaves are cached');
    // IP SAN: no servername at all.
    assert.equal((await nodeGet(p, '/hello', { ca: pki.caPem })).status, 200);
  });

  it('fails verification without the CA, for a name not in the cert, and for the untrusted CA', async () => {
    await assert.rejects(nodeGet(p, '/hello', { servername: 'api.openai.com' }), (e: unknown) => /UNABLE_TO_VERIFY|self.signed|unable to verify/i.test(errText(e)));
    await assert.rejects(nodeGet(p, '/hello', { ca: pki.caPem, servername: 'evil.example.com' }), (e: unknown) => /ERR_TLS_CERT_ALTNAME_INVALID/.test(errText(e)));
    const bad = await getUntrustedPki();
    assert.notEqual(bad.caPem, pki.caPem);
    const q = await startProvider({ routes: routes(), cert: bad.leaf(['api.openai.com', '127.0.0.1']) });
    try {
      await assert.rejects(nodeGet(q, '/hello', { ca: pki.caPem, servername: 'api.openai.com' }), (e: unknown) => /UNABLE_TO_VERIFY|unable to verify/i.test(errText(e)));
      const r = await nodeGet(q, '/hello', { ca: bad.caPem, servername: 'api.openai.com' });
      assert.equal(r.status, 200);
    } finally {
      await q.close();
    }
  });

  it('replays an SSE fixture as one read per event, byte-exact', async () => {
    const reply = fixtureReply(sseFile);
    const expected = (reply.chunks ?? []).map((c) => Buffer.from(c));
    assert.ok(expected.length > 5);
    const res = await request(`${p.url}/sse`, { method: 'POST', body: '{"stream":true}', dispatcher: agent });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/event-stream');
    assert.equal(res.headers['content-length'], undefined);
    const rec = await recordReads(res.body);
    assert.equal(sha256(rec.body), sha256(fixtureBytes(sseFile)));
    assert.equal(firstMisalignedRead(rec.reads, expected), -1, 'each event arrived in its own read');
    const srv = p.requests.at(-1)!;
    await srv.done;
    assert.equal(srv.body.toString(), '{"stream":true}');
    assert.equal(srv.bodySha256, sha256('{"stream":true}'));
    assert.equal(srv.responseSha256, sha256(fixtureBytes(sseFile)));
    assert.equal(srv.chunkSentAt.length, expected.length);
    assert.equal(srv.closedEarly, false);
  });

  it('records reads of a fetch() web stream too', async () => {
    const res = await fetch(`${p.url}/sse`, { method: 'POST', body: '{}', dispatcher: agent });
    assert.ok(res.body);
    const rec = await recordReads(res.body);
    assert.equal(sha256(rec.body), sha256(fixtureBytes(sseFile)));
    assert.ok(rec.reads.length > 1);
  });

  it('keeps connections alive across requests', async () => {
    const one = new Agent({ connections: 1, connect: { ca: pki.caPem, servername: 'api.anthropic.com' } });
    try {
      await (await request(`${p.url}/hello`, { dispatcher: one })).body.text();
      await (await request(`${p.url}/hello`, { dispatcher: one })).body.text();
    } finally {
      await one.close();
    }
    const [a, b] = p.requests.slice(-2);
    assert.equal(a!.remotePort, b!.remotePort);
  });

  it('gzip / br / deflate round-trip for whole and streamed bodies', async () => {
    const decode = { gzip: zlib.gunzipSync, br: zlib.brotliDecompressSync, deflate: zlib.inflateSync };
    for (const enc of ['gzip', 'br', 'deflate'] as const) {
      for (const mode of ['body', 'stream']) {
        const res = await request(`${p.url}/enc/${enc}/${mode}`, { dispatcher: agent });
        assert.equal(res.headers['content-encoding'], enc);
        const raw = Buffer.from(await res.body.arrayBuffer());
        const file = mode === 'stream' ? sseFile : 'openai/chat-text.json';
        assert.equal(sha256(decode[enc](raw)), sha256(fixtureBytes(file)), `${enc}/${mode}`);
        if (mode === 'body') assert.equal(Number(res.headers['content-length']), raw.length);
        const srv = p.requests.at(-1)!;
        await srv.done;
        assert.equal(srv.responseWireSha256, sha256(raw));
        assert.equal(srv.responseSha256, sha256(fixtureBytes(file)));
      }
    }
  });

  it('marks closedEarly when the client aborts mid-stream', async () => {
    const total = fixtureReply('openai/chat-text-include-usage.sse').chunks?.length ?? 0;
    const res = await request(`${p.url}/long`, { method: 'POST', body: '{}', dispatcher: agent });
    const rec = await recordReads(res.body, { stopAfter: 3 });
    assert.equal(rec.stoppedEarly, true);
    const srv = p.requests.at(-1)!;
    await srv.done;
    assert.equal(srv.closedEarly, true);
    assert.ok(srv.chunkSentAt.length < total, `${srv.chunkSentAt.length} < ${total}`);
  });

  for (const stream of [false, true]) {
    const kind = stream ? 'stream' : 'body';
    it(`reset-after-headers (${kind}): headers arrive, then the connection is reset`, async () => {
      const res = await request(`${p.url}/fault/reset-after-headers/${kind}`, { method: 'POST', dispatcher: agent });
      assert.equal(res.statusCode, 200);
      await assert.rejects(res.body.arrayBuffer(), (e: unknown) => /ECONNRESET|other side closed|UND_ERR_SOCKET/.test(errText(e)));
      const srv = p.requests.at(-1)!;
      assert.equal(srv.fault, 'reset-after-headers');
      assert.equal(srv.closedEarly, false);
    });

    it(`reset-mid-body (${kind}): part of the body, then a reset`, async () => {
      const res = await request(`${p.url}/fault/reset-mid-body/${kind}`, { method: 'POST', dispatcher: agent });
      assert.equal(res.statusCode, 200);
      const rec = await recordReads(res.body);
      assert.match(errText(rec.error), /ECONNRESET|other side closed|UND_ERR_SOCKET|terminated/);
      const full = fixtureBytes(stream ? sseFile : 'openai/chat-text.json');
      assert.ok(rec.body.length > 0 && rec.body.length < full.length, `${rec.body.length} of ${full.length}`);
      assert.ok(full.subarray(0, rec.body.length).equals(rec.body));
      assert.equal(p.requests.at(-1)!.responseSha256, sha256(rec.body));
    });
  }

  it('hang: no response before the client gives up; the give-up is seen as closedEarly', async () => {
    await assert.rejects(
      request(`${p.url}/fault/hang`, { method: 'POST', dispatcher: agent, headersTimeout: 300 }),
      (e: unknown) => /UND_ERR_HEADERS_TIMEOUT/.test(errText(e)),
    );
    const srv = p.requests.at(-1)!;
    await srv.done;
    assert.equal(srv.status, 200);
    assert.equal(srv.chunkSentAt.length, 0);
    assert.equal(srv.closedEarly, true);
  });

  it('destroy-before-headers: socket hang up', async () => {
    const err = await new Promise<unknown>((resolve) => {
      const req = https.request(
        { host: '127.0.0.1', port: p.port, path: '/fault/destroy-before-headers', method: 'POST', ca: pki.caPem, servername: 'api.openai.com', agent: false },
        () => resolve(new Error('unexpected response')),
      );
      req.on('error', resolve);
      req.end('{}');
    });
    assert.match(errText(err), /socket hang up/);
    assert.equal(p.requests.at(-1)!.fault, 'destroy-before-headers');
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await request(`${p.url}/nope`, { dispatcher: agent });
    assert.equal(res.statusCode, 404);
    assert.match(await res.body.text(), /no route/);
    assert.equal(p.requests.at(-1)!.routeIndex, -1);
  });
});

describe('fake provider over plain HTTP', () => {
  it('serves routes with tls:false', async () => {
    const p = await startProvider({ tls: false, routes: [{ method: '*', path: '/api/chat', respond: fixtureReply('ollama/chat.json') }] });
    try {
      assert.match(p.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await request(`${p.url}/api/chat`, { method: 'POST', body: '{"model":"llama3.2"}' });
      assert.equal(res.statusCode, 200);
      assert.equal(Number(res.headers['content-length']), fixtureBytes('ollama/chat.json').length);
      assert.equal(sha256(Buffer.from(await res.body.arrayBuffer())), sha256(fixtureBytes('ollama/chat.json')));
      const [rec] = await p.waitForRequests(1);
      assert.equal(rec!.servername, undefined);
      assert.equal(rec!.body.toString(), '{"model":"llama3.2"}');
    } finally {
      await p.close();
    }
  });
});
