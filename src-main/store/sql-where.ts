/** A value bound to a `?` placeholder. */
export type Bind = string | number;

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
