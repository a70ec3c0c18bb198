// Property tests shared by the OpenAI-family stream parsers: chunk boundaries never change the parse, cut streams and
// garbage never throw and never claim to be complete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixtureBytes, manifestEntry } from '../support/fixtures.js';
import { feed, recogniseUrl, splitAt, terminalOffset } from './openai-support.js';

export function streamProperties(files: string[], runs = 40): void {
  for (const file of files) {
    const e = manifestEntry(file);
    const { module, ctx } = recogniseUrl(e.request.method, e.request.concreteUrl);
    const bytes = fixtureBytes(file);
    const whole = feed(module, ctx, [bytes]).res;

    test(`${file}: any chunk boundaries (even inside UTF-8 characters) give the same parse`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 40 }), (cuts) => {
          assert.deepEqual(feed(module, ctx, splitAt(bytes, cuts)).res, whole);
        }),
        { numRuns: runs },
      );
      // byte by byte, the worst case
      assert.deepEqual(feed(module, ctx, splitAt(bytes, Array.from({ length: bytes.length }, (_, i) => i))).res, whole);
    });

    test(`${file}: a stream cut before its terminal event is incomplete and never throws`, () => {
      const limit = terminalOffset(bytes);
      fc.assert(
        fc.property(fc.nat({ max: limit }), fc.array(fc.nat({ max: limit }), { maxLength: 8 }), (len, cuts) => {
          const prefix = bytes.subarray(0, len);
          const p = module.streamParser(ctx, 'text/event-stream');
          assert.ok(p);
          for (const c of splitAt(prefix, cuts)) {
            p.push(c, 1);
            p.snapshot();
          }
          const res = p.end();
          assert.equal(res.complete, false);
          assert.equal(res.usage === null || res.usage.source === 'provider', true);
        }),
        { numRuns: runs },
      );
    });

    test(`${file}: garbage (alone or after a prefix) never throws and is incomplete`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: terminalOffset(bytes) }), (junk, len) => {
          assert.equal(feed(module, ctx, [junk]).res.complete, false);
          const mixed = feed(module, ctx, [bytes.subarray(0, len), junk]).res;
          assert.equal(typeof mixed.complete, 'boolean');
        }),
        { numRuns: runs },
      );
    });
  }
}
