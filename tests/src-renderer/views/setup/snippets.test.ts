import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseUrlVars, buildSnippets, pingCommand, type SnippetName } from '../../../../src-renderer/views/setup/snippets.js';

const LINUX = { proxyUrl: 'http://127.0.0.1:8080', certPath: '/home/me/.local/share/llm-inspector/ca/certs/ca.pem', shell: 'posix' } as const;
const WINDOWS = { proxyUrl: 'http://127.0.0.1:8080', certPath: 'C:\\Users\\Jane Doe\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem', shell: 'powershell' } as const;

function code(name: SnippetName, ctx: Parameters<typeof buildSnippets>[0]): string {
  const s = buildSnippets(ctx).find((x) => x.name === name);
  assert.ok(s, `snippet ${name}`);
  return s.code;
}

describe('buildSnippets (POSIX)', () => {
  it('Node: proxy, extra CA and the env-proxy switch', () => {
    assert.equal(
      code('node', LINUX),
      ['export HTTPS_PROXY=http://127.0.0.1:8080', 'export NODE_EXTRA_CA_CERTS=/home/me/.local/share/llm-inspector/ca/certs/ca.pem', 'export NODE_USE_ENV_PROXY=1', 'node app.js'].join('\n'),
    );
  });
  it('Python: both CA variables point at the trust bundle, not the bare CA', () => {
    const py = code('python', LINUX);
    assert.match(py, /^export REQUESTS_CA_BUNDLE=\/home\/me\/\.local\/share\/llm-inspector\/ca\/client-bundle\.pem$/m);
    assert.match(py, /^export SSL_CERT_FILE=\/home\/me\/\.local\/share\/llm-inspector\/ca\/client-bundle\.pem$/m);
    assert.match(py, /^export HTTPS_PROXY=http:\/\/127\.0\.0\.1:8080$/m);
  });
  it('Python falls back to the CA itself when no bundle can be located', () => {
    assert.match(code('python', { ...LINUX, certPath: '/etc/custom/root.pem' }), /^export SSL_CERT_FILE=\/etc\/custom\/root\.pem$/m);
  });
  it('curl: -x and --cacert, the key read from the environment', () => {
    assert.equal(
      code('curl', LINUX),
      'curl -x http://127.0.0.1:8080 --cacert /home/me/.local/share/llm-inspector/ca/certs/ca.pem https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"',
    );
  });
  it('base URLs for every provider route, from a listen-everywhere proxy made reachable', () => {
    assert.deepEqual(baseUrlVars('http://0.0.0.0:9000/'), [
      ['OPENAI_BASE_URL', 'http://127.0.0.1:9000/openai/v1'],
      ['ANTHROPIC_BASE_URL', 'http://127.0.0.1:9000/anthropic'],
      ['GOOGLE_GEMINI_BASE_URL', 'http://127.0.0.1:9000/gemini'],
      ['OLLAMA_HOST', 'http://127.0.0.1:9000/ollama'],
    ]);
    assert.match(code('base-urls', LINUX), /^export OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:8080\/openai\/v1$/m);
  });
  it('quotes a path with a space', () => {
    assert.match(code('node', { ...LINUX, certPath: '/Users/Jane Doe/ca/certs/ca.pem' }), /^export NODE_EXTRA_CA_CERTS='\/Users\/Jane Doe\/ca\/certs\/ca\.pem'$/m);
  });
  it('offers only the base URLs when the CA path is unknown', () => {
    assert.deepEqual(buildSnippets({ ...LINUX, certPath: null }).map((s) => s.name), ['base-urls']);
  });
  it('ping line', () => {
    assert.equal(pingCommand(LINUX), 'curl -x http://127.0.0.1:8080 --cacert /home/me/.local/share/llm-inspector/ca/certs/ca.pem https://llm-inspector.test/ping');
  });
});

describe('buildSnippets (PowerShell, Windows paths)', () => {
  it('sets $env: variables with literal single-quoted Windows paths', () => {
    assert.equal(
      code('node', WINDOWS),
      [
        "$env:HTTPS_PROXY = 'http://127.0.0.1:8080'",
        "$env:NODE_EXTRA_CA_CERTS = 'C:\\Users\\Jane Doe\\AppData\\Roaming\\llm-inspector\\ca\\certs\\ca.pem'",
        "$env:NODE_USE_ENV_PROXY = '1'",
        'node app.js',
      ].join('\n'),
    );
  });
  it('finds the bundle with backslashes', () => {
    assert.match(code('python', WINDOWS), /^\$env:SSL_CERT_FILE = 'C:\\Users\\Jane Doe\\AppData\\Roaming\\llm-inspector\\ca\\client-bundle\.pem'$/m);
  });
  it('calls curl.exe (curl is Invoke-WebRequest in Windows PowerShell) and reads $env:', () => {
    const c = code('curl', WINDOWS);
    assert.match(c, /^curl\.exe -x http:\/\/127\.0\.0\.1:8080 --cacert 'C:\\Users\\Jane Doe\\/);
    assert.match(c, /Bearer \$env:OPENAI_API_KEY"$/);
    assert.match(pingCommand(WINDOWS), /^curl\.exe .* https:\/\/llm-inspector\.test\/ping$/);
  });
});
