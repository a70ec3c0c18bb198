// Gemini request normalisation: the resent `contents` history of a function-calling chat, system instructions,
// media, thoughts and parameters; and the jsonPath rebuilding of Vertex partial function-call arguments.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { geminiGenerate } from '../../src-main/providers/gemini-generate.js';
import { parseJsonPath } from '../../src-main/providers/gemini-parts.js';
import { fixtureBytes } from '../support/fixtures.js';
import { ctxFor, feed } from './gemini-support.js';

describe('requests', () => {
  type Step = { request: { url: string; body: unknown }; response: { body: unknown } };
  const steps = JSON.parse(fixtureBytes('gemini/function-calling-chat.exchange.json').toString('utf8')) as Step[];

  test('function-calling chat: each call resends the history with functionCall / functionResponse turns', () => {
    const parsed = steps.map((s) => geminiGenerate.parseRequest(s.request.body, ctxFor(s.request.url)));
    for (const r of parsed) {
      assert.equal(r.model, 'gemini-2.0-flash');
      assert.equal(r.stream, false);
      assert.deepEqual(r.tools.map((t) => t.name), ['print', 'beep']);
      assert.deepEqual(r.parameters['toolConfig'], { functionCallingConfig: { mode: 'AUTO' } });
    }
    assert.deepEqual(parsed.map((r) => r.messages.map((m) => m.role)), [
      ['user'],
      ['user', 'assistant', 'tool'],
      ['user', 'assistant', 'tool', 'assistant', 'user'],
      ['user', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'tool'],
    ]);
    const last = parsed[3]!.messages;
    assert.deepEqual(last[0]?.parts, [{ type: 'text', text: 'Use the printer to print a simple word: helloX1 in green' }]);
    const call = last[1]?.parts[0];
    assert.ok(call?.type === 'tool_call' && call.name === 'print');
    assert.deepEqual(call.parsed, { color: 'green', text: 'helloX1' });
    assert.deepEqual(last[2]?.parts, [{ type: 'tool_result', toolCallId: null, name: 'print', content: '{"content":[]}', isError: false }]);
    const tool = parsed[0]!.tools[0]!;
    assert.equal((tool.parameters as Record<string, unknown>)['type'], 'object', 'parametersJsonSchema is the schema');
  });

  test('each reply reappears verbatim as the next request history', () => {
    for (let i = 0; i + 1 < steps.length; i++) {
      const reply = geminiGenerate.parseResponse(steps[i]!.response.body, ctxFor(steps[i]!.request.url));
      const next = geminiGenerate.parseRequest(steps[i + 1]!.request.body, ctxFor(steps[i + 1]!.request.url));
      const resent = next.messages.filter((m) => m.role === 'assistant').at(-1);
      assert.deepEqual(resent, reply.message, `reply ${i + 1}`);
      assert.equal(reply.usage?.source, 'provider');
    }
  });

  test('system instruction, media, thoughts, parameters, streaming from the URL', () => {
    const ctx = ctxFor('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    const r = geminiGenerate.parseRequest(
      {
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: [
          {
            role: 'user',
            parts: [
              { text: 'What is this?' },
              { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
              { fileData: { mimeType: 'application/pdf', fileUri: 'gs://b/doc.pdf' } },
            ],
          },
          { role: 'model', parts: [{ text: 'Looking.', thought: true, thoughtSignature: 'sig1' }, { text: 'A cat.' }] },
        ],
        generationConfig: { temperature: 0.3, maxOutputTokens: 100, thinkingConfig: { includeThoughts: true } },
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
        tools: [{ functionDeclarations: [{ name: 'f', description: 'does f', parameters: { type: 'OBJECT' } }] }, { googleSearch: {} }],
      },
      ctx,
    );
    assert.equal(r.model, 'gemini-2.5-flash');
    assert.equal(r.stream, true);
    assert.equal(r.parameters['temperature'], 0.3);
    assert.equal(r.parameters['maxOutputTokens'], 100);
    assert.ok(r.parameters['safetySettings']);
    assert.deepEqual(r.messages[0], { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] });
    assert.deepEqual(r.messages[1]?.parts.slice(1), [
      { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'image', mediaType: 'application/pdf', url: 'gs://b/doc.pdf' },
    ]);
    assert.deepEqual(r.messages[2], {
      role: 'assistant',
      parts: [
        { type: 'thinking', text: 'Looking.', signature: 'sig1', redacted: false },
        { type: 'text', text: 'A cat.' },
      ],
    });
    assert.deepEqual(r.tools, [
      { name: 'f', description: 'does f', parameters: { type: 'OBJECT' } },
      { name: 'googleSearch', description: null, parameters: {} },
    ]);
  });

  test('garbage request bodies never throw', () => {
    const ctx = ctxFor('https://generativelanguage.googleapis.com/v1beta/models/m:generateContent');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = geminiGenerate.parseRequest(v, ctx);
        assert.equal(r.model, 'm');
        geminiGenerate.parseResponse(v, ctx);
      }),
      { numRuns: 200 },
    );
    geminiGenerate.parseRequest({ contents: [{ role: 'user', parts: [null, 3, { functionCall: 'x' }, { inlineData: {} }] }], tools: [null, { functionDeclarations: [{}] }] }, ctx);
  });
});

describe('partial args jsonPath', () => {
  test('paths', () => {
    assert.deepEqual(parseJsonPath('$.a.b'), ['a', 'b']);
    assert.deepEqual(parseJsonPath('$.list[2].x'), ['list', 2, 'x']);
    assert.deepEqual(parseJsonPath("$['odd key'].y"), ['odd key', 'y']);
    assert.equal(parseJsonPath('a.b'), null);
  });
  test('nested values, numbers, booleans, nulls and continued strings', () => {
    const ctx = ctxFor('https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-3-pro:streamGenerateContent?alt=sse');
    const chunk = (fcall: unknown, extra = '') =>
      `data: {"candidates":[{"content":{"role":"model","parts":[{"functionCall":${JSON.stringify(fcall)}}]}${extra}}]}\r\n\r\n`;
    const body = [
      chunk({ name: 'book', willContinue: true }),
      chunk({ partialArgs: [{ jsonPath: '$.trip.city', stringValue: 'New ', willContinue: true }], willContinue: true }),
      chunk({ partialArgs: [{ jsonPath: '$.trip.city', stringValue: 'York' }], willContinue: true }),
      chunk({ partialArgs: [{ jsonPath: '$.nights', numberValue: 3 }, { jsonPath: '$.pets', boolValue: false }, { jsonPath: '$.note', nullValue: null }, { jsonPath: '$.tags[0]', stringValue: 'a' }], willContinue: true }),
      chunk({}, ',"finishReason":"STOP"'),
    ].join('');
    const res = feed(ctx, 'text/event-stream', [Buffer.from(body)]).res;
    const call = res.message?.parts[0];
    assert.ok(call?.type === 'tool_call' && call.name === 'book');
    assert.deepEqual(call.parsed, { trip: { city: 'New York' }, nights: 3, pets: false, note: null, tags: ['a'] });
    assert.equal(res.complete, true);
  });
});
