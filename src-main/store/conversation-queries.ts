import type Database from 'better-sqlite3';
import type { ConversationPage, ConversationQuery, ConversationSummary } from '../contract/index.js';
import { ERROR_CONDITION } from './exchange-list.js';
import { SqlWhere } from './sql-where.js';

interface ConversationRow {
  id: string;
  calls: number;
  turns: number | null;
  first_at: number;
  last_at: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  errors: number;
  last_id: number;
  provider: string | null;
  model: string | null;
  tag: string | null;
}

/**
 * The conversation list: one row per conversation id with totals over all of its calls, grouped in SQL. Filters pick
 * conversations that have at least one matching call; the totals still cover the whole conversation, so a conversation
 * reads the same whichever filter found it.
 */
export class ConversationQueries {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private prepared(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  list(q: ConversationQuery): ConversationPage {
    const w = new SqlWhere()
      .add('conversation_id IS NOT NULL')
      .when('provider = ?', q.provider)
      .glob('model', q.model)
      .when('tag = ?', q.tag)
      .when('started_at >= ?', q.since)
      .when('started_at < ?', q.until);
    const filtered = w.args.length > 0;
    const total = this.prepared(`SELECT count(DISTINCT conversation_id) FROM exchanges ${w.sql}`).pluck().get(...w.args) as number;
    if (total === 0 || q.offset >= total) return { items: [], total };
    const which = filtered
      ? `AND conversation_id IN (SELECT conversation_id FROM exchanges ${w.sql})`
      : '';
    // sum(cost_usd) stays NULL when no call had a known cost: "unknown", never $0
    const sql = `WITH g AS (
        SELECT conversation_id AS id, count(*) AS calls, max(turn) AS turns, min(started_at) AS first_at,
          max(started_at) AS last_at, coalesce(sum(usage_input), 0) AS input_tokens,
          coalesce(sum(usage_output), 0) AS output_tokens, sum(cost_usd) AS cost_usd,
          coalesce(sum(${ERROR_CONDITION}), 0) AS errors, max(id) AS last_id
        FROM exchanges WHERE conversation_id IS NOT NULL ${which}
        GROUP BY conversation_id
      )
      SELECT g.*, e.provider, e.model, e.tag FROM g JOIN exchanges e ON e.id = g.last_id
      ORDER BY g.last_at DESC, g.last_id DESC LIMIT ? OFFSET ?`;
    const rows = this.prepared(sql).all(...w.args, q.limit, q.offset) as ConversationRow[];
    return { items: rows.map(toSummary), total };
  }
}

function toSummary(r: ConversationRow): ConversationSummary {
  return {
    id: r.id,
    calls: r.calls,
    turns: r.turns ?? 0,
    firstAt: r.first_at,
    lastAt: r.last_at,
    provider: r.provider,
    model: r.model,
    tag: r.tag,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costUsd: r.cost_usd,
    errors: r.errors,
    lastExchangeId: r.last_id,
  };
}
