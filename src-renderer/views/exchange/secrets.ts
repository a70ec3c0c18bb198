/**
 * Where a copied snippet needs a key it uses an environment variable, never the value: stored secrets are redacted
 * anyway (`Bearer [REDACTED sha256:…]`), and when redaction is off a key must still not end up in a paste.
 */

export const REDACTED_MARK = '[REDACTED';

/** Headers that carry the provider's API key. */
const KEY_HEADERS = new Set(['authorization', 'x-api-key', 'api-key', 'x-goog-api-key']);
/** Other headers that hold credentials. */
const SECRET_HEADERS = new Set(['cookie', 'proxy-authorization', 'x-auth-token', 'openai-organization', 'openai-project']);
/** Query parameters that carry keys (Gemini's `?key=`, some gateways' `api_key`). */
const KEY_PARAMS = new Set(['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token']);

const PROVIDER_VARS: Record<string, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GEMINI_API_KEY',
  'vertex-ai': 'GOOGLE_API_KEY',
  'azure-openai': 'AZURE_OPENAI_API_KEY',
  azure: 'AZURE_OPENAI_API_KEY',
  mistral: 'MISTRAL_API_KEY',
  groq: 'GROQ_API_KEY',
  xai: 'XAI_API_KEY',
  deepseek: 'DEEPSEEK_API_KEY',
  together: 'TOGETHER_API_KEY',
  fireworks: 'FIREWORKS_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
  perplexity: 'PERPLEXITY_API_KEY',
  cohere: 'CO_API_KEY',
};

/** The conventional environment variable for a provider's key (`groq` → `GROQ_API_KEY`). */
export function apiKeyEnvVar(provider: string | null): string {
  if (provider === null || provider === '') return 'API_KEY';
  const known = PROVIDER_VARS[provider.toLowerCase()];
  if (known) return known;
  return `${envName(provider)}_API_KEY`;
}

/** `x-custom-token` → `X_CUSTOM_TOKEN`: a shell- and Python-safe variable name. */
export function envName(s: string): string {
  const name = s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(name) ? `_${name}` : name || 'SECRET';
}

export function isRedacted(value: string): boolean {
  return value.includes(REDACTED_MARK);
}

export function isKeyHeader(name: string): boolean {
  return KEY_HEADERS.has(name.toLowerCase());
}

/** True when a header's value must come from the environment in a snippet. */
export function isSecretHeader(name: string, value: string): boolean {
  const n = name.toLowerCase();
  return KEY_HEADERS.has(n) || SECRET_HEADERS.has(n) || isRedacted(value);
}

export function isKeyParam(name: string, value: string): boolean {
  return KEY_PARAMS.has(name.toLowerCase()) || isRedacted(value);
}

/**
 * The environment variable standing in for a secret header: the provider's key for auth headers, a name derived from
 * the header otherwise.
 */
export function headerEnvVar(name: string, provider: string | null): string {
  return isKeyHeader(name) ? apiKeyEnvVar(provider) : envName(name);
}

/** Keeps an auth scheme (`Bearer`, `Basic`, …) in front of the variable, as the header had it. */
export function authScheme(value: string): string | null {
  return /^(Bearer|Basic|Token|AWS4-HMAC-SHA256)\s+/i.exec(value)?.[1] ?? null;
}
