import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExportApiError, fetchPreview, importHar, type Fetcher } from '../../../../src-renderer/views/export/export-api.js';
import { report } from './fixtures.js';

const base = { resourceUrl: (p: string) => `http://ui.test${p}` };

function fake(status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): Fetcher {
  return async (url, init) => {
    seen.url = url;
    seen.init = init;
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
}

describe('fetchPreview', () => {
  it('asks the preview route with the cookie and returns the checked answer', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const body = JSON.stringify({ report: report(), preview: [{ messages: [] }] });
    const out = await fetchPreview(base, 'format=sharegpt', 5, new AbortController().signal, fake(200, body, seen));
    assert.equal(seen.url, 'http://ui.test/api/export/preview?format=sharegpt&lines=5');
    assert.equal(seen.init?.credentials, 'same-origin');
    assert.equal(out.report.written, 9);
    assert.equal(out.preview.length, 1);
  });
  it("turns the server's error body into the error's message", async () => {
    const body = JSON.stringify({ error: { type: 'invalid_input', message: 'openai-chat cannot carry thinking' } });
    await assert.rejects(fetchPreview(base, 'format=openai-chat', 5, new AbortController().signal, fake(400, body)), (e: unknown) => {
      assert.ok(e instanceof ExportApiError);
      assert.equal(e.status, 400);
      assert.equal(e.message, 'openai-chat cannot carry thinking');
      return true;
    });
  });
  it('rejects an answer that is not the contract shape', async () => {
    await assert.rejects(fetchPreview(base, 'format=har', 5, new AbortController().signal, fake(200, JSON.stringify({ report: {} }))), /Unexpected answer/);
    await assert.rejects(fetchPreview(base, 'format=har', 5, new AbortController().signal, fake(502, '<html>bad gateway</html>')), /HTTP 502/);
  });
});

describe('importHar', () => {
  it('posts the file and returns what was stored', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const out = await importHar(base, new Blob(['{"log":{}}']), fake(200, JSON.stringify({ imported: 2, ids: [7, 8], skipped: [{ index: 2, reason: 'no URL' }] }), seen));
    assert.equal(seen.url, 'http://ui.test/api/import/har');
    assert.equal(seen.init?.method, 'POST');
    assert.deepEqual(out.ids, [7, 8]);
    assert.equal(out.skipped[0]!.reason, 'no URL');
  });
});
