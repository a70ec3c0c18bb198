export interface NumberFormat {
  /** config units per displayed unit: 1000 shows milliseconds as seconds, 1048576 bytes as MiB */
  scale?: number;
  /** an empty box means null ("no limit", "not set") instead of a missing value */
  nullable?: boolean;
}

/**
 * The value a number box puts in the draft. What does not parse is kept as the text, so the schema reports it beside the
 * field instead of the box silently dropping keystrokes.
 */
export function parseNumberText(text: string, fmt: NumberFormat = {}): number | string | null {
  const t = text.trim().replace(/[_\s]/g, '');
  if (t === '') return fmt.nullable ? null : '';
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return text;
  const n = Number(t);
  if (!Number.isFinite(n)) return text;
  const scale = fmt.scale ?? 1;
  // A scaled value is stored in the smaller unit, where fractions of it mean nothing (half a byte, half a millisecond).
  return scale === 1 ? n : Math.round(n * scale);
}

/** The text a number box shows for a draft value. */
export function formatNumberValue(value: unknown, fmt: NumberFormat = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'number') return String(value);
  return String(Number((value / (fmt.scale ?? 1)).toFixed(6)));
}

/** "1 h 30 min" for a duration in milliseconds: the hint beside a box counted in seconds. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
