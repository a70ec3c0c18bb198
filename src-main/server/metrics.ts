import type { Stats } from '../contract/index.js';

/** Prometheus text exposition of what an operator graphs: traffic, bytes, errors and whether capture keeps up. */
export function renderMetrics(stats: Stats): string {
  const lines: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, v] of samples) lines.push(`${name}${labels} ${v}`);
  };
  metric('llm_inspector_exchanges_total', 'counter', 'Exchanges captured since this process started.', [['', stats.session.exchanges]]);
  metric('llm_inspector_exchange_errors_total', 'counter', 'Exchanges that ended in an error since start.', [['', stats.session.errors]]);
  metric('llm_inspector_tunnels_total', 'counter', 'Blind (not decrypted) tunnels since start.', [['', stats.session.tunnels]]);
  metric('llm_inspector_exchanges_in_flight', 'gauge', 'Exchanges currently in progress.', [['', stats.session.inFlight]]);
  metric('llm_inspector_stored_exchanges', 'gauge', 'Exchanges in the store, by state.',
    Object.entries(stats.byState).map(([state, n]) => [`{state="${state}"}`, n]));
  metric('llm_inspector_stored_bytes', 'gauge', 'Wire bytes of stored exchanges.', [
    ['{direction="request"}', stats.requestBytes],
    ['{direction="response"}', stats.responseBytes],
  ]);
  metric('llm_inspector_db_bytes', 'gauge', 'Size of the SQLite database file.', [['', stats.dbBytes]]);
  metric('llm_inspector_capture_queue_depth', 'gauge', 'Exchanges waiting to be written to the store.', [['', stats.capture.queueDepth]]);
  metric('llm_inspector_capture_paused', 'gauge', '1 while the store cannot take writes (traffic still flows).', [['', stats.capture.paused ? 1 : 0]]);
  metric('llm_inspector_capture_dropped_total', 'counter', 'Exchanges that could not be stored.', [['', stats.capture.dropped]]);
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the inspector process.', [['', stats.memory.rssBytes]]);
  metric('llm_inspector_heap_used_bytes', 'gauge', 'V8 heap in use, by thread.', [
    ['{thread="forwarding"}', stats.memory.mainHeapBytes],
    ['{thread="ingest"}', stats.memory.workerHeapBytes],
  ]);
  return lines.join('\n') + '\n';
}
