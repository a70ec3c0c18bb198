import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleSummary, turnsText } from '../../../../src-renderer/views/export/example-summary.js';

describe('exampleSummary', () => {
  it('names the turns of each dataset shape', () => {
    assert.equal(exampleSummary({ messages: [{ role: 'system' }, { role: 'user' }, { role: 'assistant' }] }), 'system · user · assistant (3 turns)');
    assert.equal(exampleSummary({ system: 'x', messages: [{ role: 'user' }, { role: 'assistant' }] }), 'system · user · assistant (3 turns)');
    assert.equal(exampleSummary({ systemInstruction: {}, contents: [{ role: 'user' }, { role: 'model' }] }), 'system · user · model (3 turns)');
    assert.equal(exampleSummary({ conversations: [{ from: 'human' }, { from: 'gpt' }] }), 'human · gpt (2 turns)');
    assert.equal(exampleSummary({ input: { messages: [{ role: 'user' }] }, preferred_output: [], non_preferred_output: [] }), 'user → preferred / rejected reply');
  });
  it('names a HAR entry and a trace by their request', () => {
    assert.equal(exampleSummary({ request: { method: 'POST', url: 'https://api.openai.com/v1/chat/completions?x=1' }, response: { status: 200 } }), 'POST api.openai.com/v1/chat/completions → 200');
    assert.equal(exampleSummary({ id: 4, method: 'POST', url: 'https://api.anthropic.com/v1/messages', status: 529 }), '#4 POST api.anthropic.com/v1/messages → 529');
  });
  it('folds repeated turns of a long loop', () => {
    assert.equal(turnsText(['user', 'assistant', 'tool', 'tool', 'tool', 'assistant']), 'user · assistant · tool ×3 · assistant');
  });
});
