// `llm-inspector ca trust|status|untrust --store nss` with a throw-away HOME (never the machine's stores), and which stores
// each OS offers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { caTrustTargets, type Runner } from '../../src-main/system/index.js';
import { repoRoot } from '../support/fixtures.js';
import { needTools } from '../system/tools.js';

const tools = needTools({ certutil: 'libnss3-tools' });

const cli = (home: string, args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(repoRoot(), 'dist', 'src-main', 'cli', 'main.js'), ...args], { env: { ...process.env, HOME: home } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr })),
  );

test('ca trust / status / untrust on the NSS store of a temporary HOME', { skip: tools.skip, timeout: 60_000 }, async () => {
  tools.assertInCi();
  const home = mkdtempSync(join(tmpdir(), 'llmi-cahome-'));
  try {
    const d = ['--store', 'nss', '--data-dir', join(home, 'data')];
    assert.match((await cli(home, ['ca', 'status', ...d])).stdout, /^NSS ~\/\.pki\/nssdb: not trusted$/m);
    const t = await cli(home, ['ca', 'trust', ...d]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /^ok\s+NSS ~\/\.pki\/nssdb$/m);
    assert.match((await cli(home, ['ca', 'status', ...d])).stdout, /^NSS ~\/\.pki\/nssdb: trusted$/m);
    assert.equal((await cli(home, ['ca', 'untrust', ...d])).code, 0);
    assert.match((await cli(home, ['ca', 'status', ...d])).stdout, /: not trusted$/m);
    const bad = await cli(home, ['ca', 'trust', '--store', 'nope', '--data-dir', join(home, 'data')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid --store/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('trust targets per OS: keychain on macOS, user Root on Windows, system + NSS on Linux with what is missing said', () => {
  const ca = { certPath: '/d/ca.pem', certPem: '' };
  const run: Runner = async () => '';
  const home = mkdtempSync(join(tmpdir(), 'llmi-t-'));
  try {
    assert.deepEqual(caTrustTargets({ ca, run, home, platform: 'darwin' }).map((t) => t.kind), ['keychain']);
    assert.deepEqual(caTrustTargets({ ca, run, home, platform: 'win32' }).map((t) => t.kind), ['windows-user']);
    const linux = caTrustTargets({ ca, run, home, platform: 'linux', has: () => false });
    assert.deepEqual(linux.map((t) => [t.kind, t.label]), [['system', 'Linux system store (curl, Python, OpenSSL)'], ['nss', 'NSS ~/.pki/nssdb']]);
    assert.match(linux[0]?.unavailable ?? '', /update-ca-certificates/);
    assert.match(linux[1]?.unavailable ?? '', /libnss3-tools/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
