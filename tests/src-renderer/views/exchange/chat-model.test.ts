import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LlmMessage } from '../../../../src-main/contract/index.js';
import { linkToolCalls } from '../../../../src-renderer/views/exchange/chat-model.js';

test('results pair with calls by id, or by name when the format has no ids (Gemini)', () => {
  const messages: LlmMessage[] = [
    {
      role: 'assistant',
      parts: [
        { type: 'tool_call', id: 'a', name: 'search', arguments: '{}', parsed: {} },
        { type: 'tool_call', id: null, name: 'lookup', arguments: '{}', parsed: {} },
      ],
    },
    {
      role: 'user',
      parts: [
        { type: 'tool_result', toolCallId: null, name: 'lookup', content: 'x', isError: false },
        { type: 'tool_result', toolCallId: 'a', name: null, content: 'y', isError: false },
        { type: 'tool_result', toolCallId: 'zzz', name: null, content: 'orphan', isError: false },
      ],
    },
  ];
  const { links, resultCall } = linkToolCalls(messages, null);
  const results = messages[1]?.parts ?? [];
  const names = results.map((p) => (p.type === 'tool_result' ? resultCall.get(p)?.name ?? null : 'n/a'));
  assert.deepEqual(names, ['lookup', 'search', null]);
  assert.deepEqual([...links.answered], ['a']);
});
