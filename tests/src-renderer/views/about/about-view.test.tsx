import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { RuntimeInfo } from '../../../../src-main/contract/index.js';
import { LibrariesPanel, RuntimePanel, ShortcutsPanel } from '../../../../src-renderer/views/about/about-view.js';

const RUNTIME: RuntimeInfo = {
  version: '0.1.0',
  proxyUrl: 'http://127.0.0.1:8080',
  uiUrl: 'http://127.0.0.1:8090/?token=secret',
  dataDir: '/d',
  dbPath: '/d/inspector.db',
  startedAt: 0,
  shell: 'headless',
  systemIntegration: false,
  versions: { node: '22.1.0', electron: null, chromium: null, sqlite: '3.45.0', v8: '12.4' },
  platform: 'linux',
};

describe('About panels', () => {
  it('shows where things are and the versions, never the UI token', () => {
    const html = renderToStaticMarkup(<RuntimePanel runtime={RUNTIME} dbBytes={2_500_000} now={90_000} />);
    assert.match(html, /data-testid="about-versions"/);
    assert.match(html, /<dd>22\.1\.0<\/dd>/);
    assert.match(html, /\/d\/inspector\.db \(2\.5 MB\)/);
    assert.match(html, /headless/);
    assert.doesNotMatch(html, /secret/);
  });
  it('lists the shortcuts as keys and the libraries as links', () => {
    assert.match(renderToStaticMarkup(<ShortcutsPanel />), /<kbd>Alt<\/kbd><\/span><span>\+<kbd>1<\/kbd>/);
    assert.match(renderToStaticMarkup(<LibrariesPanel />), /href="https:\/\/codemirror\.net"/);
  });
});
