/** A value bound to a `?` placeholder. */
export type Bind = string | number;

/** Turns a `*` wildcard pattern into a LIKE pattern; LIKE's own `%`, `_` and the escape character match literally. */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/**
 * Builds a WHERE clause from optional filters: a condition is added only when its value was given, so every query
 * shape stays a plain, cacheable prepared statement with positional arguments.
 */
export class SqlWhere {
  private readonly parts: string[] = [];
  readonly args: Bind[] = [];

  /** `expr` with one `?`, added only when `value` is defined. */
  when(expr: string, value: Bind | undefined): this {
    if (value !== undefined) {
      this.parts.push(expr);
      this.args.push(value);
    }
    return this;
  }

  /**
   * Case-insensitive match of a text column against a value where `*` is a wildcard. Without a `*` it is an equality
   * the column's NOCASE index serves. `scan` keeps a wildcard off that index: a list walking ids newest first with a
   * LIMIT stops early on a common pattern, where the index would fetch and sort every match first.
   */
  glob(column: string, pattern: string | undefined, opts: { scan?: boolean } = {}): this {
    if (pattern === undefined) return this;
    if (!pattern.includes('*')) return this.add(`${column} = ? COLLATE NOCASE`, pattern);
    // LIKE is case-insensitive for ASCII, as NOCASE is
    return this.add(`${opts.scan === true ? '+' : ''}${column} LIKE ? ESCAPE '\\'`, globToLike(pattern));
  }

  /** Inclusive bounds on an expression; a row where it is NULL never matches a bound. */
  range(expr: string, min: number | undefined, max: number | undefined): this {
    return this.when(`${expr} >= ?`, min).when(`${expr} <= ?`, max);
  }

  /** A condition with its own arguments (none, or one per `?`). */
  add(expr: string, ...args: Bind[]): this {
    this.parts.push(expr);
    this.args.push(...args);
    return this;
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}
