/**
 * JSON values written as Python or JavaScript source: short values on one line, longer ones broken one item per line
 * with trailing commas (what black and prettier would produce closely enough to paste without a reformat).
 */
export type LiteralLang = 'python' | 'js';

const WIDTH = 88;
const JS_IDENT = /^[A-Za-z_$][\w$]*$/;

function str(s: string): string {
  // JSON string escapes are valid in both Python and JavaScript string literals
  return JSON.stringify(s);
}

function key(k: string, lang: LiteralLang): string {
  return lang === 'js' && JS_IDENT.test(k) ? k : str(k);
}

function scalar(v: unknown, lang: LiteralLang): string | null {
  if (v === null || v === undefined) return lang === 'python' ? 'None' : 'null';
  if (typeof v === 'boolean') return lang === 'python' ? (v ? 'True' : 'False') : String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : lang === 'python' ? 'None' : 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'bigint') return String(v);
  return null;
}

function entries(v: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(v).filter(([, x]) => x !== undefined);
}

/** The whole value on one line. */
export function inlineLiteral(v: unknown, lang: LiteralLang): string {
  const s = scalar(v, lang);
  if (s !== null) return s;
  if (Array.isArray(v)) return `[${v.map((x) => inlineLiteral(x, lang)).join(', ')}]`;
  const es = entries(v as Record<string, unknown>);
  if (es.length === 0) return '{}';
  const body = es.map(([k, x]) => `${key(k, lang)}: ${inlineLiteral(x, lang)}`).join(', ');
  return lang === 'js' ? `{ ${body} }` : `{${body}}`;
}

/**
 * The value as source, starting at column `indent.length` (the caller has already written that indent and maybe a
 * prefix of `used` characters on the line).
 */
export function formatLiteral(v: unknown, lang: LiteralLang, indent = '', unit = lang === 'python' ? '    ' : '  ', used = 0): string {
  const flat = inlineLiteral(v, lang);
  if (indent.length + used + flat.length <= WIDTH || scalar(v, lang) !== null) return flat;
  const inner = indent + unit;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${formatLiteral(x, lang, inner, unit)},`).join('\n')}\n${indent}]`;
  }
  const es = entries(v as Record<string, unknown>);
  if (es.length === 0) return '{}';
  const lines = es.map(([k, x]) => {
    const head = `${key(k, lang)}: `;
    return `${inner}${head}${formatLiteral(x, lang, inner, unit, head.length)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** `name(` + keyword arguments one per line + `)`: the shape of an SDK call in Python. */
export function pythonCall(callee: string, kwargs: Array<[string, unknown]>): string {
  if (kwargs.length === 0) return `${callee}()`;
  const unit = '    ';
  const lines = kwargs.map(([k, v]) => `${unit}${k}=${formatLiteral(v, 'python', unit, unit, k.length + 1)},`);
  return `${callee}(\n${lines.join('\n')}\n)`;
}

/** `name({ … })` with one property per line: the shape of an SDK call in JavaScript / TypeScript. */
export function jsCall(callee: string, props: Array<[string, unknown]>): string {
  if (props.length === 0) return `${callee}()`;
  const unit = '  ';
  const lines = props.map(([k, v]) => {
    const head = `${key(k, 'js')}: `;
    return `${unit}${head}${formatLiteral(v, 'js', unit, unit, head.length)},`;
  });
  return `${callee}({\n${lines.join('\n')}\n})`;
}
