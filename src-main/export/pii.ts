import type { Example } from './example.js';

/**
 * Optional PII scrubbing of message text before it leaves the machine. Secrets in headers are already redacted by the
 * capture stage; this covers what users type and tools return. Patterns lean towards precision: a phone number needs
 * a `+` country code or the usual separators, so dates, ids and bare digit runs survive.
 */

export interface PiiCounts {
  email: number;
  phone: number;
  apiKey: number;
}

export const emptyPiiCounts = (): PiiCounts => ({ email: 0, phone: 0, apiKey: 0 });

const API_KEY = new RegExp(
  [
    'sk-(?:proj-|ant-(?:api\\d{2}-|admin\\d{2}-)?|svcacct-)?[A-Za-z0-9_-]{20,}', // OpenAI, Anthropic
    'AIza[0-9A-Za-z_-]{35}', // Google
    'gh[pousr]_[A-Za-z0-9]{36,}', // GitHub tokens
    'github_pat_[A-Za-z0-9_]{22,}',
    'xox[abprs]-[A-Za-z0-9-]{10,}', // Slack
    '(?:AKIA|ASIA)[0-9A-Z]{16}', // AWS access key ids
    'hf_[A-Za-z0-9]{30,}', // Hugging Face
    'glpat-[A-Za-z0-9_-]{20,}', // GitLab
    '(?:gsk|xai|pplx|r8)_[A-Za-z0-9]{20,}', // Groq, xAI, Perplexity, Replicate
    'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}', // JWTs
  ].map((p) => `(?<![A-Za-z0-9_-])${p}`).join('|'),
  'g',
);
const BEARER = /\b(Bearer\s+)(?!\[)[A-Za-z0-9._~+/=-]{16,}/g;
const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
const PHONE = new RegExp(
  [
    // international: +CC then 6–14 more digits in groups
    '\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}\\d',
    // North American style: (555) 123-4567, 555-123-4567, 555.123.4567
    '(?:\\(\\d{3}\\)\\s?|\\b\\d{3}[.-])\\d{3}[.-]\\d{4}',
  ].join('|'),
  'g',
);

export const PII_PLACEHOLDER = { email: '[EMAIL]', phone: '[PHONE]', apiKey: '[API_KEY]' } as const;

/** Replaces PII in one string, adding to `counts`. */
export function scrubText(text: string, counts: PiiCounts): string {
  if (text === '') return text;
  let out = text.replace(API_KEY, () => (counts.apiKey++, PII_PLACEHOLDER.apiKey));
  out = out.replace(BEARER, (_m, prefix: string) => (counts.apiKey++, `${prefix}${PII_PLACEHOLDER.apiKey}`));
  out = out.replace(EMAIL, () => (counts.email++, PII_PLACEHOLDER.email));
  out = out.replace(PHONE, (m) => {
    // at least 7 digits, so short codes and version numbers are not phones
    if (m.replace(/\D/g, '').length < 7) return m;
    counts.phone++;
    return PII_PLACEHOLDER.phone;
  });
  return out;
}

/** Strings inside a parsed JSON value, scrubbed (tool-call arguments keep their structure). */
function scrubValue(v: unknown, counts: PiiCounts): unknown {
  if (typeof v === 'string') return scrubText(v, counts);
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, counts));
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrubValue(x, counts)]));
  }
  return v;
}

/** Scrubs every text an example carries, in place; returns the counts for this example. */
export function scrubExample(e: Example): PiiCounts {
  const counts = emptyPiiCounts();
  for (const m of e.messages) {
    switch (m.role) {
      case 'system':
        m.text = scrubText(m.text, counts);
        break;
      case 'user':
        for (const p of m.parts) if (p.type === 'text') p.text = scrubText(p.text, counts);
        break;
      case 'tool':
        m.content = scrubText(m.content, counts);
        break;
      case 'assistant':
        m.text = scrubText(m.text, counts);
        m.thinking = m.thinking.map((t) => scrubText(t, counts));
        for (const c of m.toolCalls) {
          if (c.args !== null) {
            // scrub the values, not the JSON text: a placeholder must never break the JSON
            c.args = scrubValue(c.args, counts) as Record<string, unknown>;
            c.arguments = JSON.stringify(c.args);
          } else {
            c.arguments = scrubText(c.arguments, counts);
          }
        }
        break;
    }
  }
  return counts;
}

export function addPii(into: PiiCounts, more: PiiCounts): void {
  into.email += more.email;
  into.phone += more.phone;
  into.apiKey += more.apiKey;
}
