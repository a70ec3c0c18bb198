// Capture-layer check over the whole recorded corpus: every fixture in MANIFEST.md is replayed through the inspector
// as HTTPS proxy (raw undici `request`, real provider hostnames; the harness maps them to a local fake provider) and
// for every call: what the client got == what the provider sent == what was stored, the status is the fixture's,
// and the exchange's `stream` flag is set exactly for streaming content types. Done once with identity encoding and
// once with the provider gzip-compressing every reply (the client must get the compressed wire bytes untouched and
// the store must hold the decoded body). LLM parsing (usage, models) is not checked here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import type { ExchangeSummary } from '../../src-main/contract/index.js';
import {
  FIXTURE_HEADER,
  manifest,
  providerRoutesForAllFixtures,
  sha256,
  startProvider,
  type Encoding,
  type FakeProvider,
  type FixtureCase,
  type FixtureRequest,
  type Reply,
} from '../support/fake-provider.js';
import { startTestInspector, type TestInspector } from '../harness/inspector-harness.js';

const CONCURRENCY = 4;
const REQ_ID_HEADER = 'x-llmi-test-call';
/** Content types the inspector must flag as streams. */
const STREAMING_CT = /^\s*(text\/event-stream|application\/x-ndjson|application\/jsonl|application\/vnd\.amazon\.eventstream)\s*(;|$)/i;

function headerOf(headers: Reply['headers'], name: string): string | undefined {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return Array.isArray(v) ? v.join(', ') : v;
  return undefined;
}

/** The unencoded bytes a Reply makes the provider send. */
function replyBytes(r: Reply): Buffer {
  if (r.chunks) return Buffer.concat(r.chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  return typeof r.body === 'string' ? Buffer.from(r.body) : r.body ?? Buffer.alloc(0);
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function replayCorpus(encoding: Encoding | undefined): void {
  const cases = providerRoutesForAllFixtures(encoding ? { encoding } : {});
  let tlsProvider: FakeProvider;
  let httpProvider: FakeProvider;
  let t: TestInspector;
  /** exchange ids already matched to a call */
  const claimed = new Set<number>();

  before(async () => {
    const routes = [...cases.values()].map((c) => c.route);
    tlsProvider = await startProvider({ routes });
    // ollama / LM Studio are plain HTTP on localhost: a plain-HTTP fake provider answers for "localhost"
    httpProvider = await startProvider({ routes, tls: false });
    t = await startTestInspector({
      providerPort: tlsProvider.port,
      hostMap: { localhost: `127.0.0.1:${httpProvider.port}` },
      // localhost is not in the default MITM allow-list: without it the CONNECT would be a blind (uncaptured) tunnel
      config: { mitm: { extraHosts: ['localhost'] } },
    });
  });

  after(async () => {
    await t?.close();
    await tlsProvider?.close();
    await httpProvider?.close();
  });

  /** The committed exchange whose stored request carried our per-call id header. */
  async function exchangeFor(callId: string, url: string): Promise<ExchangeSummary> {
    const checked = new Set<number>();
    for (;;) {
      const x = await t.waitFinished((e) => e.url === url && !claimed.has(e.id) && !checked.has(e.id));
      checked.add(x.id);
      const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
      const id = detail.request.headers.find(([k]) => k.toLowerCase() === REQ_ID_HEADER)?.[1];
      if (id === callId && !claimed.has(x.id)) {
        claimed.add(x.id);
        return x;
      }
    }
  }

  async function replayOne(c: FixtureCase, i: number, req: FixtureRequest, reply: Reply): Promise<void> {
    const provider = req.scheme === 'http' ? httpProvider : tlsProvider;
    const callId = `${encoding ?? 'identity'}:${c.file}#${i}`;
    const res = await request(req.url, {
      method: req.method as 'POST',
      dispatcher: t.dispatcher,
      headers: { ...req.headers, [REQ_ID_HEADER]: callId, ...(encoding ? { 'accept-encoding': encoding } : {}) },
      body: req.body,
    });
    const wire = Buffer.from(await res.body.arrayBuffer());

    const upstream = provider.requests.find((r) => r.header(REQ_ID_HEADER) === callId);
    assert.ok(upstream, `${callId}: the provider received the call`);
    await upstream.done;
    assert.equal(upstream.header(FIXTURE_HEADER), c.file);
    assert.ok(upstream.routeIndex >= 0, `${callId}: the provider had a route for ${upstream.method} ${upstream.url} (got ${res.statusCode})`);
    assert.equal(upstream.url, req.path, `${callId}: path + query forwarded unchanged`);
    assert.equal(upstream.bodySha256, sha256(req.body), `${callId}: request body forwarded byte-identical`);
    assert.equal(upstream.header('host'), req.port === (req.scheme === 'http' ? 80 : 443) ? req.host : `${req.host}:${req.port}`, `${callId}: Host header`);
    if (req.scheme === 'https') assert.equal(upstream.servername, req.host, `${callId}: SNI`);

    const expectedStatus = reply.status ?? 200;
    if (c.entry.format !== 'exchange') assert.equal(expectedStatus, c.entry.request.status, `${callId}: reply uses the manifest status`);
    assert.equal(res.statusCode, expectedStatus, `${callId}: status the client got`);
    assert.equal(upstream.status, expectedStatus);

    const sent = replyBytes(reply);
    assert.equal(upstream.responseSha256, sha256(sent), `${callId}: the provider sent the whole fixture reply`);
    assert.ok(upstream.responseWireSha256, `${callId}: provider wire hash recorded`);
    assert.equal(sha256(wire), upstream.responseWireSha256, `${callId}: client got the exact wire bytes the provider sent`);
    if (!encoding) assert.equal(sha256(wire), sha256(sent), `${callId}: identity encoding: wire == body`);
    assert.equal(firstHeader(res.headers['content-encoding']), encoding, `${callId}: content-encoding passed through`);
    const contentType = headerOf(reply.headers, 'content-type');
    assert.ok(contentType, `${callId}: fixture reply has a content-type`);
    assert.equal(firstHeader(res.headers['content-type']), contentType, `${callId}: content-type passed through`);

    const x = await exchangeFor(callId, req.url);
    // a provider error event inside a 200 stream marks the exchange failed; everything else completed at the HTTP level
    const midStreamError = c.entry.parsed?.['error'] !== undefined && expectedStatus < 400;
    assert.equal(x.state, midStreamError ? 'error' : 'complete', `${callId}: exchange state (error: ${JSON.stringify(x.error)})`);
    assert.equal(x.error?.code ?? null, midStreamError ? 'provider_error' : null);
    assert.equal(x.status, expectedStatus, `${callId}: stored status`);
    assert.equal(x.mode, req.scheme === 'https' ? 'mitm' : 'http', `${callId}: mode`);
    assert.equal(x.method, req.method);
    assert.equal(x.host, req.host, `${callId}: stored host`);
    assert.equal(x.path, req.path, `${callId}: stored path`);
    assert.equal(x.contentType, contentType, `${callId}: stored content-type`);
    assert.equal(x.stream, STREAMING_CT.test(contentType), `${callId}: stream flag for content-type ${contentType}`);
    assert.equal(x.responseBytes, wire.length, `${callId}: response bytes = wire bytes`);
    assert.equal(x.requestBytes, Buffer.byteLength(req.body), `${callId}: request bytes`);

    const storedRes = await t.inspector.service.getBody(x.id, 'res');
    assert.ok(storedRes, `${callId}: response body stored`);
    assert.equal(sha256(storedRes), upstream.responseSha256, `${callId}: stored response (decoded) == body the provider sent`);
    const storedReq = await t.inspector.service.getBody(x.id, 'req');
    assert.equal(sha256(storedReq ?? Buffer.alloc(0)), upstream.bodySha256, `${callId}: stored request == what the provider received`);

    const detail = await t.inspector.service.api['exchanges.get']({ id: x.id });
    assert.equal(detail.response.truncated, false);
    assert.equal(detail.response.decodeError, null, `${callId}: no decode error`);
    assert.equal(detail.response.storedBytes, sent.length, `${callId}: stored (decoded) size`);
    assert.equal(detail.response.bytes, wire.length, `${callId}: wire size`);
    assert.equal(detail.response.contentEncoding, encoding ?? null, `${callId}: stored content-encoding`);
    // no secret from the fixture requests' auth headers leaks into the stored detail
    const json = JSON.stringify(detail);
    for (const secret of ['sk-ant-test', 'test-google-key', 'Credential=TEST', 'test-azure-key', 'Bearer sk-test']) {
      assert.ok(!json.includes(secret), `${callId}: "${secret}" must be redacted from the stored exchange`);
    }
  }

  test('every manifest fixture has a replay case', () => {
    const files = manifest().map((e) => e.file);
    assert.ok(files.length >= 60, `manifest lists ${files.length} fixtures`);
    assert.deepEqual([...cases.keys()].sort(), [...files].sort());
  });

  describe('replay', { concurrency: CONCURRENCY }, () => {
    for (const c of cases.values()) {
      test(c.file, async () => {
        assert.equal(c.requests.length, c.replies.length);
        assert.equal(c.requests.length, c.entry.request.count, 'number of calls the manifest describes');
        // the calls of one exchange fixture go in order (the route answers them in turn)
        for (let i = 0; i < c.requests.length; i++) await replayOne(c, i, c.requests[i]!, c.replies[i]!);
      });
    }
  });

  test('nothing went unanswered and every exchange was matched once', () => {
    const all = [...tlsProvider.requests, ...httpProvider.requests];
    const unrouted = all.filter((r) => r.routeIndex < 0).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(unrouted, []);
    const calls = [...cases.values()].reduce((n, c) => n + c.requests.length, 0);
    assert.equal(all.length, calls, 'provider requests == calls made');
    assert.equal(claimed.size, calls, 'one stored exchange per call');
  });
}

describe('fixture corpus through the MITM proxy (identity encoding)', () => replayCorpus(undefined));
describe('fixture corpus through the MITM proxy (gzip from the provider)', () => replayCorpus('gzip'));
