import type { ExchangeDetail } from '../../../src-main/contract/index.js';

export type TabId = 'overview' | 'chat' | 'request' | 'response' | 'stream' | 'compare';

export const TAB_LABELS: Record<TabId, string> = {
  overview: 'Overview',
  chat: 'Chat',
  request: 'Request',
  response: 'Response',
  stream: 'Stream',
  compare: 'Compare',
};

const STREAM_TYPES = /text\/event-stream|ndjson|jsonl|x-json-stream/i;

export function isStreamed(d: Pick<ExchangeDetail, 'stream' | 'contentType'>): boolean {
  return d.stream || (d.contentType !== null && STREAM_TYPES.test(d.contentType));
}

/** The tabs this exchange has: Chat only for recognised LLM calls, Stream only for streamed responses. */
export function availableTabs(d: ExchangeDetail | null, comparing: boolean, liveReply = false): TabId[] {
  const tabs: TabId[] = ['overview'];
  if (d === null || liveReply || d.llm?.request || d.llm?.response) tabs.push('chat');
  tabs.push('request', 'response');
  if (d === null || isStreamed(d)) tabs.push('stream');
  if (comparing) tabs.push('compare');
  return tabs;
}

/** The tab from the URL when this exchange has it; otherwise Chat for LLM calls and Overview for the rest. */
export function resolveTab(param: string | null, tabs: TabId[]): TabId {
  if (param !== null && (tabs as string[]).includes(param)) return param as TabId;
  return tabs.includes('chat') ? 'chat' : 'overview';
}
