import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { TurnBars } from '../../../../src-renderer/views/conversations/turn-bars.js';
import { turnRows, turnTotals } from '../../../../src-renderer/views/conversations/turn-rows.js';
import { exchange } from './exchange-fixture.js';

describe('TurnBars', () => {
  it('renders one turn-bar per call, oldest first, with its exchange id', () => {
    const rows = turnRows([exchange({ id: 7, turn: 2 }), exchange({ id: 5, turn: 1, status: 500 })]);
    const html = renderToStaticMarkup(<TurnBars rows={rows} maxTokens={turnTotals(rows).maxTokens} onOpen={() => undefined} />);
    assert.deepEqual([...html.matchAll(/data-testid="turn-bar" data-id="(\d+)"/g)].map((m) => m[1]), ['5', '7']);
    assert.match(html, /class="turn-bar failed"/);
    assert.match(html, /width:83\.3\d*%/);
    assert.match(html, /100 \/ 20/);
  });
});
