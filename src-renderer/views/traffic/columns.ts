import type { ExchangeSort } from '../../../src-main/contract/index.js';

export interface Column {
  /** the cell class (`c-time`, …), which also sets its width in traffic.css */
  id: string;
  label: string;
  /** the server order a header click asks for; none for columns the server cannot sort */
  sort?: ExchangeSort;
  title: string;
  /** numbers are right-aligned */
  numeric?: boolean;
}

/** The table's columns, in order. Rows render the same cells in the same order (traffic-row.tsx). */
export const COLUMNS: readonly Column[] = [
  { id: 'time', label: 'Time', sort: 'time', title: 'When the request started (local time)' },
  { id: 'prov', label: '', title: 'Provider' },
  { id: 'model', label: 'Model', sort: 'model', title: 'Model asked for' },
  { id: 'req', label: 'Request', sort: 'host', title: 'Method, host and path (sorts by host)' },
  { id: 'status', label: 'Status', sort: 'status', title: 'HTTP status, live state or failure' },
  { id: 'in', label: 'In', sort: 'inputTokens', title: 'Input tokens (~ estimated)', numeric: true },
  { id: 'out', label: 'Out', sort: 'outputTokens', title: 'Output tokens (~ estimated)', numeric: true },
  { id: 'cost', label: 'Cost', sort: 'cost', title: 'Cost in USD (– unknown)', numeric: true },
  { id: 'ttft', label: 'TTFT', sort: 'ttft', title: 'Time to the first content token', numeric: true },
  { id: 'dur', label: 'Duration', sort: 'duration', title: 'Request start to last byte', numeric: true },
  { id: 'conv', label: 'Conversation', title: 'Conversation and turn (click to filter)' },
  { id: 'tag', label: 'Tag', title: 'Tag (click to filter)' },
];

/** Row height in px: fixed, so the virtual list needs no measuring. Keep in step with --tr-row-h in traffic.css. */
export const ROW_HEIGHT = 24;
