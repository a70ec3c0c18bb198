import type { ExchangeQuery, ExchangeSort } from '../contract/index.js';
import { toFtsQuery } from './fts.js';
import { SqlWhere, type Bind } from './sql-where.js';

/** What the list counts as an error, for `errorsOnly` and the stats: the exchange failed, or the server said no. */
export const ERROR_CONDITION = '(error_code IS NOT NULL OR status >= 400)';

/** Input plus output tokens; NULL when the exchange has no usage at all, so it never matches a token bound. */
export const TOKENS_EXPR =
  'CASE WHEN usage_input IS NULL AND usage_output IS NULL THEN NULL ELSE coalesce(usage_input, 0) + coalesce(usage_output, 0) END';

const SORT_COLUMN: Record<Exclude<ExchangeSort, 'time'>, string> = {
  duration: 'total_ms',
  ttft: 'ttft_ms',
  inputTokens: 'usage_input',
  outputTokens: 'usage_output',
  cost: 'cost_usd',
  status: 'status',
  // names read as the same whatever their case, matching how the filters compare them
  model: 'model COLLATE NOCASE',
  host: 'host COLLATE NOCASE',
};

/** How a list query pages: keyset on id (newest first) or offset in some other order. */
export type ListPaging = { kind: 'keyset' } | { kind: 'offset'; offset: number };

export interface ListSql {
  sql: string;
  args: Bind[];
  paging: ListPaging;
  limit: number;
}

/**
 * The SELECT for an exchange list (null when the search matches nothing: an empty FTS query). Time order newest first
 * walks the rowid with keyset pages; any other order sorts by its column (NULLs last either way, id breaking ties in
 * the same direction) and pages by offset. One row more than the page is asked for, to tell whether another follows.
 */
export function listSql(q: ExchangeQuery, columns: string): ListSql | null {
  const sort = q.sort ?? 'time';
  const desc = (q.order ?? 'desc') === 'desc';
  const keyset = sort === 'time' && desc;
  const w = new SqlWhere()
    .when('id < ?', q.before)
    .when('id > ?', q.after)
    .glob('host', q.host, { scan: keyset })
    .when('method = ?', q.method?.toUpperCase())
    .when('provider = ?', q.provider)
    .glob('model', q.model, { scan: keyset })
    .when('conversation_id = ?', q.conversationId)
    .when('tag = ?', q.tag)
    .when('status >= ?', q.statusMin)
    .when('status <= ?', q.statusMax)
    .when('started_at >= ?', q.since)
    .when('started_at < ?', q.until)
    .range('cost_usd', q.costMin, q.costMax)
    .range('total_ms', q.durationMin, q.durationMax)
    .range(`(${TOKENS_EXPR})`, q.tokensMin, q.tokensMax);
  for (const [col, list] of [['mode', q.mode], ['state', q.state]] as const) {
    if (list !== undefined && list.length > 0) w.add(`${col} IN (${list.map(() => '?').join(', ')})`, ...list);
  }
  if (q.errorsOnly === true) w.add(ERROR_CONDITION);
  if (q.llmOnly === true) w.add('provider IS NOT NULL');
  if (q.starred === true) w.add('starred = 1');
  if (q.search !== undefined) {
    const match = toFtsQuery(q.search);
    if (match === null) return null;
    w.add('id IN (SELECT rowid FROM exchanges_fts WHERE exchanges_fts MATCH ?)', match);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const orderBy = sort === 'time' ? `id ${dir}` : `${SORT_COLUMN[sort]} ${dir} NULLS LAST, id ${dir}`;
  const limit = q.limit ?? 100;
  const base = `SELECT ${columns} FROM exchanges ${w.sql} ORDER BY ${orderBy} LIMIT ?`;
  if (keyset) return { sql: base, args: [...w.args, limit + 1], paging: { kind: 'keyset' }, limit };
  const offset = q.offset ?? 0;
  return { sql: `${base} OFFSET ?`, args: [...w.args, limit + 1, offset], paging: { kind: 'offset', offset }, limit };
}
