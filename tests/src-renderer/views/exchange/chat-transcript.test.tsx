import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import type { LlmMessage } from '../../../../src-main/contract/index.js';
import { ChatTranscript } from '../../../../src-renderer/views/exchange/chat-transcript.js';
import { text } from './fixtures.js';

/** Elements carrying a data-testid, in document order, with their attributes. */
function testIds(html: string): Array<{ id: string; attrs: string }> {
  return [...html.matchAll(/<[a-z]+ ([^>]*data-testid="([^"]+)"[^>]*)>/g)].map((m) => ({ id: m[2] ?? '', attrs: m[1] ?? '' }));
}

const toolLoop: LlmMessage[] = [
  text('system', 'You are a weather bot.'),
  text('user', 'Weather in Paris and Rome?'),
  {
    role: 'assistant',
    parts: [
      { type: 'tool_call', id: 'call_p', name: 'get_weather', arguments: '{"city":"Paris"}', parsed: { city: 'Paris' } },
      { type: 'tool_call', id: 'call_r', name: 'get_weather', arguments: '{"city":"Ro', parsed: null },
    ],
  },
  { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_p', name: null, content: '{"temp":21}', isError: false }] },
  { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_r', name: null, content: 'city not found', isError: true }] },
];

test('a tool loop: roles in order, calls with pretty arguments, results named after their calls', () => {
  const html = renderToStaticMarkup(
    <ChatTranscript
      messages={toolLoop}
      reply={text('assistant', 'Paris is 21°C; Rome could not be found.')}
      tools={[{ name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } }]}
    />,
  );
  const ids = testIds(html);
  const roles = ids.filter((x) => x.id === 'chat-message').map((x) => /data-role="(\w+)"/.exec(x.attrs)?.[1]);
  assert.deepEqual(roles, ['system', 'user', 'assistant', 'tool', 'tool']);
  assert.equal(ids.filter((x) => x.id === 'tool-call').length, 2);
  assert.equal(ids.filter((x) => x.id === 'chat-reply').length, 1);
  assert.ok(ids.some((x) => x.id === 'chat-tools'), 'tool definitions are shown (collapsed)');
  assert.match(html, /<details class="chat-tools"/);
  // pretty JSON arguments (escaped for HTML)
  assert.ok(html.includes('{\n  &quot;city&quot;: &quot;Paris&quot;\n}'), html);
  // the cut-short arguments are shown raw with a note
  assert.ok(html.includes('{&quot;city&quot;:&quot;Ro'));
  assert.match(html, /not valid JSON/);
  // each result names the call it answers; the error result is marked
  const results = [...html.matchAll(/<div class="(tool-result[^"]*)" data-testid="tool-result" data-tool="(\w+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(results, [
    ['tool-result', 'get_weather'],
    ['tool-result tool-error', 'get_weather'],
  ]);
  assert.equal((html.match(/class="tool-answered"/g) ?? []).length, 2, 'both calls are marked answered');
  assert.ok(!html.includes('class="caret"'), 'no caret when not live');
});

test('thinking is folded in a <details>, images render, refusals are shown', () => {
  const reply: LlmMessage = {
    role: 'assistant',
    parts: [
      { type: 'thinking', text: 'The user wants a cat.', signature: 'sig', redacted: false },
      { type: 'thinking', text: '', signature: 'enc', redacted: true },
      { type: 'refusal', text: 'I can’t draw that.' },
    ],
  };
  const html = renderToStaticMarkup(
    <ChatTranscript
      messages={[
        {
          role: 'user',
          parts: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'image', mediaType: null, url: 'https://example.com/cat.jpg' },
          ],
        },
      ]}
      reply={reply}
    />,
  );
  assert.match(html, /<details class="chat-thinking" data-testid="chat-thinking"><summary>Thinking · 21 chars<\/summary>/);
  assert.ok(!/<details[^>]* open/.test(html), 'thinking starts folded');
  assert.match(html, /Thinking \(redacted by the provider\)/);
  assert.match(html, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="image\/png"/);
  assert.match(html, /<img src="https:\/\/example.com\/cat.jpg"/);
  assert.match(html, /data-testid="chat-refusal"/);
});

test('live: the growing reply carries a caret; before the first token a waiting row does', () => {
  const growing = renderToStaticMarkup(<ChatTranscript messages={[text('user', 'hi')]} reply={text('assistant', 'Hel')} live />);
  assert.match(growing, /data-testid="chat-reply"[^>]*>.*streaming.*Hel<span class="caret"/s);
  const waiting = renderToStaticMarkup(<ChatTranscript messages={[text('user', 'hi')]} reply={null} live />);
  assert.match(waiting, /data-testid="chat-reply"/);
  assert.match(waiting, /waiting for the first token<span class="caret"/);
  const done = renderToStaticMarkup(<ChatTranscript messages={[text('user', 'hi')]} reply={null} />);
  assert.ok(!done.includes('chat-reply'));
});

test('long system prompts start folded; a provider error is shown', () => {
  const html = renderToStaticMarkup(
    <ChatTranscript messages={[text('system', 'x'.repeat(2000)), text('user', 'hi')]} reply={null} error={{ type: 'insufficient_quota', message: 'You exceeded your quota.' }} />,
  );
  assert.match(html, /class="chat-body folded"/);
  assert.match(html, /Show all \(2,000 chars\)/);
  assert.match(html, /data-testid="chat-error"><span class="chat-error-type">insufficient_quota<\/span> You exceeded your quota\./);
});

test('markdown: the reply is rendered, the prompt stays as sent; the caret sits at the end of the last line', () => {
  const html = renderToStaticMarkup(
    <ChatTranscript messages={[text('user', 'Use **bold** please')]} reply={text('assistant', '**Holiday:** Galaxy Day\n\n- one\n- two')} live markdown />,
  );
  assert.match(html, /Use \*\*bold\*\* please/);
  assert.match(html, /<strong>Holiday:<\/strong> Galaxy Day/);
  assert.match(html, /<li><p>two<span class="caret" aria-hidden="true"><\/span><\/p><\/li>/);
  assert.ok(!html.includes('<script'), 'never raw HTML');
  const raw = renderToStaticMarkup(<ChatTranscript messages={[]} reply={text('assistant', '<img src=x onerror=alert(1)> **b**')} markdown />);
  assert.match(raw, /&lt;img src=x onerror=alert\(1\)&gt; <strong>b<\/strong>/);
  const plain = renderToStaticMarkup(<ChatTranscript messages={[]} reply={text('assistant', '**b**')} markdown={false} />);
  assert.match(plain, /<div class="chat-text">\*\*b\*\*<\/div>/);
});
