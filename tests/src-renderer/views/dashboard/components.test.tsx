import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { ChartLegend, soleSeries, type SeriesDef } from '../../../../src-renderer/views/dashboard/chart-kit.js';
import { GroupByPicker } from '../../../../src-renderer/views/dashboard/group-by-picker.js';
import { RangePicker } from '../../../../src-renderer/views/dashboard/range-picker.js';
import { summaryTiles } from '../../../../src-renderer/views/dashboard/summary-tiles-data.js';
import { SummaryTiles } from '../../../../src-renderer/views/dashboard/summary-tiles.js';

const noop = () => undefined;

describe('SummaryTiles', () => {
  it('renders one summary-tile per kind, drill-down tiles as buttons', () => {
    const html = renderToStaticMarkup(<SummaryTiles tiles={summaryTiles({ groupBy: 'none', groups: [] }, null, { since: 0, until: 1 })} onOpen={noop} />);
    const kinds = [...html.matchAll(/data-testid="summary-tile" data-kind="([a-z0-9-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(kinds, ['cost', 'tokens-in', 'tokens-out', 'requests', 'error-rate', 'latency-p95', 'ttft-p95']);
    assert.match(html, /<button[^>]*data-kind="error-rate"/);
    assert.doesNotMatch(html, /<button[^>]*data-kind="cost"/);
  });
});

describe('RangePicker', () => {
  it('marks the current preset as pressed', () => {
    const html = renderToStaticMarkup(<RangePicker range={{ key: '7d', since: 0, until: 1 }} onPreset={noop} onCustom={noop} />);
    assert.match(html, /data-testid="range-picker"/);
    assert.match(html, /aria-pressed="true" data-testid="range-7d"/);
    assert.match(html, /aria-pressed="false" data-testid="range-24h"/);
    assert.match(html, /data-testid="range-custom"/);
  });
});

describe('GroupByPicker', () => {
  it('offers provider, model and tag with the current one pressed', () => {
    const html = renderToStaticMarkup(<GroupByPicker value="model" onChange={noop} />);
    assert.match(html, /data-testid="group-by"/);
    assert.match(html, /aria-pressed="true" data-testid="group-model"/);
    assert.match(html, /aria-pressed="false" data-testid="group-provider"/);
  });
});

const series: SeriesDef[] = [
  { key: 'ok', label: 'Succeeded', color: 'var(--chart-1)', format: String, total: '7' },
  { key: 'errors', label: 'Failed', color: 'var(--error)', format: String, filter: { errors: true }, dashed: true },
];

describe('ChartLegend', () => {
  it('renders clickable items with their colour variable and total', () => {
    const html = renderToStaticMarkup(<ChartLegend series={series} onPick={noop} />);
    assert.equal([...html.matchAll(/data-testid="legend-item"/g)].length, 2);
    assert.match(html, /--swatch:var\(--chart-1\)/);
    assert.match(html, /dash-legend-total">7</);
    assert.doesNotMatch(html, /disabled/);
  });
  it('is inert without a pick handler', () => {
    assert.match(renderToStaticMarkup(<ChartLegend series={series} />), /disabled/);
  });
});

describe('soleSeries', () => {
  it('finds the one series with a value in a bucket', () => {
    assert.equal(soleSeries({ t: 0, ok: 0, errors: 2 }, series)?.key, 'errors');
  });
  it('is null when several or none have one', () => {
    assert.equal(soleSeries({ t: 0, ok: 1, errors: 2 }, series), null);
    assert.equal(soleSeries({ t: 0, ok: 0, errors: 0 }, series), null);
    assert.equal(soleSeries(undefined, series), null);
  });
});
