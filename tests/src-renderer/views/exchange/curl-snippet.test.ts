import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { curlCommand, shellQuote, type CurlInput } from '../../../../src-renderer/views/exchange/curl-snippet.js';

const base: CurlInput = {
  method: 'POST',
  url: 'https://api.openai.com/v1/chat/completions',
  headers: [
    ['host', '127.0.0.1:38547'],
    ['connection', 'keep-alive'],
    ['authorization', 'Bearer [REDACTED sha256:282b157e]'],
    ['X-LLM-Inspector-Tag', 'checkout'],
    ['content-type', 'application/json'],
    ['accept-encoding', 'gzip, deflate'],
    ['content-length', '88'],
  ],
  body: '{"model":"gpt-4o","messages":[{"role":"user","content":"It\'s $5"}]}',
  bodyEncoding: 'utf8',
  provider: 'openai',
  stream: false,
};

/** What bash hands curl: the command is evaluated with `curl` replaced by printf, one argument per line. */
function argv(cmd: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\n' "$@"; }\n${cmd}`;
  const r = spawnSync('bash', ['-c', script], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').slice(0, -1);
}

test('the key comes from the provider’s environment variable, never the stored value', () => {
  const cmd = curlCommand(base);
  assert.ok(!cmd.includes('REDACTED'), cmd);
  assert.match(cmd, /-H "authorization: Bearer \$OPENAI_API_KEY"/);
  const args = argv(cmd, { OPENAI_API_KEY: 'sk-test' });
  assert.ok(args.includes('authorization: Bearer sk-test'));
});

test('hop-by-hop headers are dropped, the rest kept in wire order and case, the body verbatim', () => {
  const args = argv(curlCommand(base), { OPENAI_API_KEY: 'k' });
  assert.equal(args[0], 'https://api.openai.com/v1/chat/completions');
  const headers = args.filter((_, i) => args[i - 1] === '-H');
  assert.deepEqual(headers, ['authorization: Bearer k', 'X-LLM-Inspector-Tag: checkout', 'content-type: application/json']);
  assert.ok(args.includes('--compressed'));
  const body = args[args.indexOf('--data-raw') + 1];
  assert.equal(body, base.body, 'quotes and $ in the body survive the shell');
  assert.ok(!args.includes('-X'), 'POST with a body needs no -X');
});

test('an Anthropic x-api-key header and a stream', () => {
  const cmd = curlCommand({
    ...base,
    url: 'https://api.anthropic.com/v1/messages',
    headers: [['x-api-key', '[REDACTED sha256:aa]'], ['anthropic-version', '2023-06-01']],
    provider: 'anthropic',
    stream: true,
  });
  assert.match(cmd, /-H "x-api-key: \$ANTHROPIC_API_KEY"/);
  assert.match(cmd, / -N/);
});

test('an unredacted key is still replaced (redaction may be switched off)', () => {
  const cmd = curlCommand({ ...base, headers: [['Authorization', 'Bearer sk-live-123']] });
  assert.ok(!cmd.includes('sk-live-123'));
  assert.match(cmd, /"Authorization: Bearer \$OPENAI_API_KEY"/);
});

test('a key in the query string (Gemini ?key=) becomes a variable, other parameters stay', () => {
  const cmd = curlCommand({
    ...base,
    url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=%5BREDACTED%20sha256%3A1%5D&alt=sse',
    headers: [],
    provider: 'gemini',
  });
  const args = argv(cmd, { GEMINI_API_KEY: 'g-key' });
  assert.equal(args[0], 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent?key=g-key&alt=sse');
});

test('methods: GET without -X, DELETE explicit, binary body as a file', () => {
  assert.ok(!argv(curlCommand({ ...base, method: 'GET', body: null, headers: [] })).includes('-X'));
  const del = argv(curlCommand({ ...base, method: 'DELETE', body: null, headers: [] }));
  assert.deepEqual(del.slice(1, 3), ['-X', 'DELETE']);
  const bin = curlCommand({ ...base, body: 'AAEC', bodyEncoding: 'base64' });
  assert.match(bin, /^# the request body is binary/);
  assert.match(bin, /--data-binary @request\.bin/);
});

test('shellQuote survives single quotes', () => {
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});
