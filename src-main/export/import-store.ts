import type { Config, ImportResult } from '../contract/index.js';
import { analyseExchange, configureAnalysis } from '../analysis/index.js';
import { prepareFinish } from '../ingest/prepare-finish.js';
import { ExchangeStore } from '../store/index.js';
import type { ImportOp } from './har-import.js';

const BATCH = 500;

/**
 * Stores imported exchanges in a database no serve process owns, through the same decode → LLM stage the ingest
 * worker runs (so provider, usage, cost and conversations are derived as for live traffic). Ids continue after the
 * highest one ever used. While serve runs, import goes through its API instead (`POST /api/import/har`).
 */
export function importIntoStore(dbPath: string, ops: readonly ImportOp[], config: Pick<Config, 'pricing' | 'conversations' | 'capture'>): number[] {
  configureAnalysis({ pricing: config.pricing, conversations: config.conversations });
  const store = ExchangeStore.open(dbPath);
  try {
    let next = store.maxId();
    const ids: number[] = [];
    // in capture order, so conversation grouping sees each call after the ones it continues
    const ordered = [...ops].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 0; i < ordered.length; i += BATCH) {
      const records = ordered.slice(i, i + BATCH).map((op) => {
        const id = ++next;
        ids.push(id);
        return prepareFinish({ ...op, id }, config.capture.maxBodyBytes, analyseExchange);
      });
      store.applyBatch(records);
    }
    store.indexPendingText(Number.MAX_SAFE_INTEGER);
    return ids;
  } finally {
    store.close();
  }
}

export type { ImportResult };
