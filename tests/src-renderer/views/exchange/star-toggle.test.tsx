import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import type { InspectorClient } from '../../../../src-renderer/api/index.js';
import { ClientProvider } from '../../../../src-renderer/app/client-context.js';
import { DetailHeader } from '../../../../src-renderer/views/exchange/detail-header.js';
import { starLabel, StarToggle } from '../../../../src-renderer/views/exchange/star-toggle.js';
import { fakeClient } from '../traffic/fixtures.js';
import { exchange } from './fixtures.js';

const client: InspectorClient = fakeClient();
const render = (node: React.ReactNode) => renderToStaticMarkup(<ClientProvider value={client}>{node}</ClientProvider>);

describe('StarToggle', () => {
  it('is a pressed button with a filled star when starred', () => {
    const html = render(<StarToggle id={3} starred />);
    assert.match(html, /<button[^>]*aria-pressed="true"[^>]*data-testid="star-toggle"[^>]*>★<\/button>/);
    assert.match(html, /aria-label="Unstar this exchange"/);
  });
  it('is an unpressed button with an empty star otherwise', () => {
    const html = render(<StarToggle id={3} starred={false} />);
    assert.match(html, /<button[^>]*aria-pressed="false"[^>]*data-testid="star-toggle"[^>]*>☆<\/button>/);
    assert.equal(starLabel(false).glyph, '☆');
  });
  it('sits in the detail header and follows the exchange', () => {
    assert.match(render(<DetailHeader exchange={exchange({ starred: true })} onClose={() => undefined} />), /aria-pressed="true"[^>]*data-testid="star-toggle"/);
    assert.match(render(<DetailHeader exchange={exchange()} onClose={() => undefined} />), /aria-pressed="false"[^>]*data-testid="star-toggle"/);
  });
});
