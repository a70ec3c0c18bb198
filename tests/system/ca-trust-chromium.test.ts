// The proof that NSS trust is what a browser needs: headless Chromium with a throw-away HOME, proxied through a real
// inspector, loads https://api.openai.com/… (served by a local fake provider) only after the CA is in $HOME/.pki/nssdb.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execRunner, nssDatabases, nssInstall } from '../../src-main/system/index.js';
import { startProvider } from '../support/fake-provider.js';
import { getTestPki } from '../support/test-pki.js';
import { startServe } from '../harness/serve-process.js';
import { needTools } from './tools.js';

const tools = needTools({ certutil: 'libnss3-tools', chromium: 'chromium' });

/** --dump-dom prints the page's DOM, or nothing when the navigation failed (a certificate error among others). */
function dumpDom(home: string, proxyUrl: string, url: string): Promise<string> {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', `--user-data-dir=${join(home, 'ud')}`, `--proxy-server=${proxyUrl}`, '--dump-dom', url];
  return new Promise((resolve) =>
    execFile('chromium', args, { env: { ...process.env, HOME: home }, timeout: 40_000 }, (_err, stdout) => resolve(String(stdout))),
  );
}

test('Chromium through the inspector: certificate error before the NSS install, the page after it', { skip: tools.skip, timeout: 120_000 }, async () => {
  tools.assertInCi();
  const pki = await getTestPki();
  const provider = await startProvider({ routes: [{ method: 'GET', path: '/v1/models', respond: { body: '{"object":"list","data":[{"id":"fake-model-from-provider"}]}', headers: { 'content-type': 'application/json' } } }] });
  const serve = await startServe({ upstream: { extraCaFile: pki.caPath, hostMap: { 'api.openai.com': `127.0.0.1:${provider.port}` } } });
  const home = mkdtempSync(join(tmpdir(), 'llmi-chromium-'));
  try {
    const url = 'https://api.openai.com/v1/models';
    const before = await dumpDom(home, serve.proxyUrl, url);
    assert.doesNotMatch(before, /fake-model-from-provider/, 'loaded without trusting the inspector CA?');
    const caPath = join(serve.dataDir, 'ca', 'certs', 'ca.pem');
    const [db] = nssDatabases(home, 'linux');
    assert.ok(db);
    await nssInstall(execRunner, db, { certPath: caPath, certPem: readFileSync(caPath, 'utf8') });
    const after = await dumpDom(home, serve.proxyUrl, url);
    assert.match(after, /fake-model-from-provider/);
  } finally {
    serve.cleanup();
    await provider.close();
    rmSync(home, { recursive: true, force: true });
  }
});
