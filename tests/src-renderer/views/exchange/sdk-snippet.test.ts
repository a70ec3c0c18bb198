import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LlmMessage } from '../../../../src-main/contract/index.js';
import { clientTarget, sdkSnippet, snippetLanguages } from '../../../../src-renderer/views/exchange/sdk-snippet.js';
import { llmRequest, text } from './fixtures.js';

const toolLoop: LlmMessage[] = [
  text('system', 'You are terse.'),
  text('user', 'Weather in Paris?'),
  {
    role: 'assistant',
    parts: [
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', parsed: { city: 'Paris' } },
    ],
  },
  { role: 'tool', parts: [{ type: 'tool_result', toolCallId: 'call_1', name: null, content: '{"temp":21}', isError: false }] },
];
const tools = [{ name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];

const hasPython = spawnSync('python3', ['--version']).status === 0;

/** Python source with line breaks folded back, so assertions don't depend on where the formatter wrapped. */
function flat(code: string): string {
  return code
    .replace(/,\s*\n\s*([}\])])/g, '$1')
    .replace(/([{[(])\n\s*/g, '$1')
    .replace(/\n\s*([}\])])/g, '$1')
    .replace(/,\n\s*/g, ', ');
}

function pythonParses(code: string): void {
  const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: code, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr}\n${code}`);
}

function jsParses(code: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'snippet-'));
  const file = join(dir, 'snippet.mjs');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `${r.stderr}\n${code}`);
}

test('languages follow the API family', () => {
  assert.deepEqual(snippetLanguages('openai.chat'), ['openai-python', 'openai-node']);
  assert.deepEqual(snippetLanguages('openai.embeddings'), ['openai-python', 'openai-node']);
  assert.deepEqual(snippetLanguages('anthropic.messages'), ['anthropic-python', 'anthropic-typescript']);
  assert.deepEqual(snippetLanguages('gemini.generateContent'), []);
  assert.deepEqual(snippetLanguages(null), []);
});

test('OpenAI Python: chat with a tool loop, parameters, the key from the environment', () => {
  const code = sdkSnippet('openai-python', {
    url: 'https://api.openai.com/v1/chat/completions',
    provider: 'openai',
    api: 'openai.chat',
    request: llmRequest({ messages: toolLoop, tools, parameters: { temperature: 0.2, max_tokens: 50 } }),
  });
  assert.match(code, /^from openai import OpenAI\n\nclient = OpenAI\(\)  # reads OPENAI_API_KEY/);
  assert.match(code, /client\.chat\.completions\.create\(\n {4}model="gpt-4o",/);
  const f = flat(code);
  assert.ok(
    f.includes(
      '{"role": "assistant", "content": "Checking.", "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]}',
    ),
    f,
  );
  assert.ok(f.includes('{"role": "tool", "tool_call_id": "call_1", "content": "{\\"temp\\":21}"}'), f);
  assert.ok(f.includes('tools=[{"type": "function", "function": {"name": "get_weather", "description": "Current weather", "parameters": {'), f);
  assert.match(code, /temperature=0\.2,\n {4}max_tokens=50,/);
  assert.match(code, /print\(response\.choices\[0\]\.message\)/);
  if (hasPython) pythonParses(code);
});

test('OpenAI Python: a compatible host gets base_url, its own key variable and extra_body for unknown parameters', () => {
  const code = sdkSnippet('openai-python', {
    url: 'https://api.groq.com/openai/v1/chat/completions',
    provider: 'groq',
    api: 'openai.chat',
    request: llmRequest({ stream: true, parameters: { top_k: 40, temperature: 1 } }),
  });
  assert.match(code, /^import os\nfrom openai import OpenAI/);
  assert.match(code, /base_url="https:\/\/api\.groq\.com\/openai\/v1"/);
  assert.match(code, /api_key=os\.environ\["GROQ_API_KEY"\]/);
  assert.match(code, /extra_body=\{"top_k": 40\}/);
  assert.match(code, /stream=True,\n\)\nfor chunk in stream:/);
  assert.ok(!/top_k=40/.test(code));
  if (hasPython) pythonParses(code);
});

test('OpenAI Node: streamed chat', () => {
  const code = sdkSnippet('openai-node', {
    url: 'https://api.openai.com/v1/chat/completions',
    provider: 'openai',
    api: 'openai.chat',
    request: llmRequest({ stream: true, messages: toolLoop, tools, parameters: { stream_options: { include_usage: true } } }),
  });
  assert.match(code, /^import OpenAI from "openai";\n\nconst client = new OpenAI\(\); \/\/ reads OPENAI_API_KEY/);
  assert.match(code, /const stream = await client\.chat\.completions\.create\(\{\n {2}model: "gpt-4o",/);
  assert.match(code, /stream_options: \{ include_usage: true \},/);
  assert.match(code, /stream: true,\n\}\);\nfor await \(const chunk of stream\)/);
  jsParses(code);
});

test('OpenAI Responses and embeddings use their own calls', () => {
  const responses = sdkSnippet('openai-python', {
    url: 'https://api.openai.com/v1/responses',
    provider: 'openai',
    api: 'openai.responses',
    request: llmRequest({ messages: [text('user', 'hello')], parameters: { reasoning: { effort: 'low' } } }),
  });
  assert.match(responses, /client\.responses\.create\(\n {4}model="gpt-4o",\n {4}input="hello",\n {4}reasoning=\{"effort": "low"\},/);
  assert.match(responses, /print\(response\.output_text\)/);
  const emb = sdkSnippet('openai-node', {
    url: 'https://api.openai.com/v1/embeddings',
    provider: 'openai',
    api: 'openai.embeddings',
    request: llmRequest({ model: 'text-embedding-3-small', messages: [text('user', 'The quick brown fox')], parameters: { encoding_format: 'base64' } }),
  });
  assert.match(emb, /client\.embeddings\.create\(\{\n {2}model: "text-embedding-3-small",\n {2}input: "The quick brown fox",\n {2}encoding_format: "base64",/);
  if (hasPython) pythonParses(responses);
  jsParses(emb);
});

test('Anthropic Python: system apart, tool_use / tool_result blocks, images as base64 sources', () => {
  const messages: LlmMessage[] = [
    ...toolLoop,
    { role: 'user', parts: [{ type: 'text', text: 'And this?' }, { type: 'image', mediaType: 'image/png', url: 'data:image/png;base64,iVBORw0KGgo=' }] },
  ];
  const code = sdkSnippet('anthropic-python', {
    url: 'https://api.anthropic.com/v1/messages',
    provider: 'anthropic',
    api: 'anthropic.messages',
    request: llmRequest({ model: 'claude-opus-4-8', messages, tools, parameters: { max_tokens: 1000 } }),
  });
  assert.match(code, /^from anthropic import Anthropic\n\nclient = Anthropic\(\)  # reads ANTHROPIC_API_KEY/);
  assert.match(code, /system="You are terse\.",/);
  const f = flat(code);
  assert.ok(f.includes('{"role": "user", "content": "Weather in Paris?"}'), f);
  assert.ok(f.includes('{"role": "assistant", "content": [{"type": "text", "text": "Checking."}, {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}}]}'), f);
  // the tool result and the next user text merge into one user turn, as the API requires alternating roles
  assert.ok(
    f.includes(
      '{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "call_1", "content": "{\\"temp\\":21}"}, {"type": "text", "text": "And this?"}, {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]}',
    ),
    f,
  );
  assert.ok(f.includes('"input_schema": {"type": "object"'), f);
  assert.match(code, /max_tokens=1000,/);
  if (hasPython) pythonParses(code);
});

test('Anthropic TypeScript: a streamed call', () => {
  const code = sdkSnippet('anthropic-typescript', {
    url: 'https://api.anthropic.com/v1/messages',
    provider: 'anthropic',
    api: 'anthropic.messages',
    request: llmRequest({ model: 'claude-opus-4-8', stream: true, messages: [text('user', 'Write a haiku about proxies.')], parameters: { max_tokens: 200 } }),
  });
  assert.match(code, /^import Anthropic from "@anthropic-ai\/sdk";\n\nconst client = new Anthropic\(\); \/\/ reads ANTHROPIC_API_KEY/);
  assert.match(code, /messages: \[\{ role: "user", content: "Write a haiku about proxies\." \}\],/);
  assert.match(code, /content_block_delta/);
  jsParses(code);
});

test('client target: default hosts need no base URL; Azure keeps api-version, never a key', () => {
  assert.deepEqual(clientTarget('https://api.openai.com/v1/chat/completions', 'openai', /\/chat\/completions\/?$/), { baseUrl: null, query: {} });
  assert.deepEqual(clientTarget('https://api.anthropic.com/v1/messages', 'anthropic', /\/v1\/messages\/?$/), { baseUrl: null, query: {} });
  assert.deepEqual(clientTarget('https://x.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=2024-10-21&api-key=abc', 'openai', /\/chat\/completions\/?$/), {
    baseUrl: 'https://x.openai.azure.com/openai/deployments/gpt4',
    query: { 'api-version': '2024-10-21' },
  });
  assert.deepEqual(clientTarget('http://127.0.0.1:8080/anthropic/v1/messages', 'anthropic', /\/v1\/messages\/?$/), { baseUrl: 'http://127.0.0.1:8080/anthropic', query: {} });
});
