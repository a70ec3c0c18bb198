import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { ClientProvider } from '../../../../src-renderer/app/client-context.js';
import { EmptyState } from '../../../../src-renderer/views/traffic/empty-state.js';
import { FilterBar } from '../../../../src-renderer/views/traffic/filter-bar.js';
import { parseFilter } from '../../../../src-renderer/views/traffic/filter-query.js';
import { FollowToggle, NewRowsPill } from '../../../../src-renderer/views/traffic/follow-controls.js';
import { LiveRate } from '../../../../src-renderer/views/traffic/live-rate.js';
import { TrafficRow } from '../../../../src-renderer/views/traffic/traffic-row.js';
import { TrafficStore } from '../../../../src-renderer/views/traffic/traffic-store.js';
import type { Follow } from '../../../../src-renderer/views/traffic/use-follow.js';
import { fakeClient, summary } from './fixtures.js';

const noop = () => undefined;
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('TrafficRow', () => {
  const row = (patch: Parameters<typeof summary>[0]) => renderToStaticMarkup(<TrafficRow row={summary(patch)} top={48} cursor={false} open={false} compare={false} />);

  it('renders an LLM call with its facts and the ids tests look for', () => {
    const html = row({
      id: 42,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      costUsd: 0.0123456,
      usage: { inputTokens: 1234, outputTokens: 56, cacheReadTokens: null, cacheWriteTokens: null, reasoningTokens: null, totalTokens: 1290, source: 'estimated' },
      timings: { ttfbMs: 100, ttftMs: 320, totalMs: 2345 },
      conversationId: 'c:12',
      turn: 3,
      tag: 'checkout',
    });
    assert.match(html, /data-testid="traffic-row"/);
    assert.match(html, /data-id="42"/);
    assert.match(html, /translateY\(48px\)/);
    assert.match(html, />An</);
    assert.match(html, /claude-sonnet-4-5/);
    assert.match(html, /\$0\.01235/);
    assert.match(html, />~<\/i>1,234/, 'estimated usage is marked');
    assert.match(html, /320 ms/);
    assert.match(html, /2\.35 s/);
    assert.match(html, /data-filter-key="conv" data-filter-value="c:12"[^>]*>c:12 #3</);
    assert.match(html, /data-filter-key="tag" data-filter-value="checkout"/);
  });

  it('shows an unknown cost as a dash, never $0', () => {
    const html = row({ id: 1, costUsd: null });
    assert.doesNotMatch(html, /\$0/);
    assert.match(html, /c-cost num dim">–</);
  });

  it('shows a live indicator while streaming and the failure for errors', () => {
    const live = row({ id: 1, state: 'streaming', status: 200 });
    assert.match(live, /class="tr-live"/);
    assert.match(live, /tone-streaming/);
    const failed = row({ id: 2, state: 'error', status: 502, error: { code: 'upstream_unreachable', message: 'ECONNREFUSED' } });
    assert.match(failed, /tone-error/);
    assert.match(failed, /502 unreachable/);
    assert.match(failed, /title="upstream_unreachable: ECONNREFUSED"/);
    assert.doesNotMatch(failed, /tr-live/);
  });

  it('marks the cursor, open and compared rows', () => {
    const html = renderToStaticMarkup(<TrafficRow row={summary({ id: 1 })} top={0} cursor open={false} compare />);
    assert.match(html, /is-cursor/);
    assert.match(html, /is-compare/);
    assert.doesNotMatch(html, /is-open/);
    assert.match(html, /aria-selected="true"/);
  });
});

describe('EmptyState', () => {
  it('offers to clear a filter that matches nothing', () => {
    const html = renderToStaticMarkup(<EmptyState kind="no-match" searching onClear={noop} onRetry={noop} />);
    assert.match(html, /data-testid="empty-state" data-kind="no-match"/);
    assert.match(html, /data-testid="empty-clear-filter"/);
    assert.match(html, /text search/);
  });

  it('teaches how to send traffic when there is none, never with a guessed proxy address', () => {
    const html = renderToStaticMarkup(
      <ClientProvider value={fakeClient()}>
        <EmptyState kind="no-traffic" onClear={noop} onRetry={noop} />
      </ClientProvider>,
    );
    assert.match(html, /data-kind="no-traffic"/);
    // before runtime.info answers (a static render never sees the answer) the commands wait for the real address;
    // the browser test checks they then name this instance's proxy
    assert.doesNotMatch(html, /HTTPS_PROXY=/);
    assert.doesNotMatch(html, /8080/);
    assert.match(html, /aria-busy="true"/);
    assert.match(html, /href="#\/setup"/);
  });

  it('says why loading failed', () => {
    const html = renderToStaticMarkup(<EmptyState kind="error" error="The inspector is not answering" onClear={noop} onRetry={noop} />);
    assert.match(html, /The inspector is not answering/);
    assert.match(html, /data-testid="empty-retry"/);
  });
});

describe('follow controls', () => {
  const follow = (following: boolean): Follow => ({ following, reason: following ? null : 'user', pause: noop, resume: noop });

  it('shows live, or paused with the rows that arrived', () => {
    const live = renderToStaticMarkup(<FollowToggle follow={follow(true)} enabled newCount={0} />);
    assert.match(live, /data-testid="follow-toggle"/);
    assert.match(live, /aria-pressed="true"/);
    assert.match(live, /Live/);
    const paused = renderToStaticMarkup(<FollowToggle follow={follow(false)} enabled newCount={1234} />);
    assert.match(paused, /Paused · 1,234 new/);
    const sorted = renderToStaticMarkup(<FollowToggle follow={follow(true)} enabled={false} newCount={0} />);
    assert.match(sorted, /disabled/);
  });

  it('shows the new-rows pill only when there is something new', () => {
    assert.equal(renderToStaticMarkup(<NewRowsPill hidden={0} paused={0} onRefresh={noop} onJump={noop} />), '');
    assert.match(renderToStaticMarkup(<NewRowsPill hidden={3} paused={5} onRefresh={noop} onJump={noop} />), /data-kind="search"[^>]*>3 new — refresh/);
    assert.match(renderToStaticMarkup(<NewRowsPill hidden={0} paused={5} onRefresh={noop} onJump={noop} />), /data-kind="paused"/);
  });
});

describe('FilterBar', () => {
  const render = (text: string) => {
    const store = new TrafficStore({ fetchPage: () => Promise.reject(new Error('offline')), schedule: noop });
    return renderToStaticMarkup(
      <FilterBar text={text} parsed={parseFilter(text)} onChange={noop} store={store} inputRef={{ current: null }} onLeave={noop} followToggle={null} />,
    );
  };

  it('shows one chip per filter and one for the searched words', () => {
    const html = render('model:gpt-4* errors "refund policy" words');
    assert.equal(count(html, 'data-testid="filter-chip"'), 3);
    assert.match(html, /data-key="model"/);
    assert.match(html, /data-key="errors"/);
    assert.match(html, /data-key="search"/);
    assert.match(html, /aria-pressed="true" data-testid="toggle-errors"/);
    assert.match(html, /Model: <span class="tr-picker-value">gpt-4\*/);
  });

  it('shows parse errors inline', () => {
    const html = render('status:abc');
    assert.match(html, /data-testid="filter-error"/);
    assert.match(html, /expected a number or range/);
    assert.match(html, /aria-invalid="true"/);
  });

  it('reflects the toggles', () => {
    const html = render('llm');
    assert.match(html, /aria-pressed="true" data-testid="toggle-llm"/);
    assert.match(html, /aria-pressed="false" data-testid="toggle-all"/);
  });
});

describe('LiveRate', () => {
  it('draws a sparkline with the current rates', () => {
    const html = renderToStaticMarkup(
      <ClientProvider value={fakeClient()}>
        <LiveRate />
      </ClientProvider>,
    );
    assert.match(html, /data-testid="live-rate"/);
    assert.match(html, /<svg/);
    assert.match(html, /0 req\/s/);
    assert.match(html, /0 tok\/s/);
  });
});
