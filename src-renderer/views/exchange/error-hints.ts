import type { ErrorCode } from '../../../src-main/contract/index.js';

/** What a person can do about a failed exchange: the inspector's own causes, provider error types, HTTP statuses. */

const CODE_HINTS: Record<ErrorCode, string> = {
  upstream_unreachable: 'The provider could not be reached: check the network, DNS and any corporate proxy, then resend.',
  upstream_tls_verify_failed:
    'The provider’s certificate did not verify. A corporate TLS inspector may sit in between: add its CA with upstream.extraCaFile in Settings.',
  upstream_timeout: 'The provider did not answer in time. Resend, or raise the upstream timeout in Settings if long generations are expected.',
  upstream_reset: 'The provider closed the connection mid-response. Usually transient: resend.',
  client_aborted: 'The client went away before the response finished (a timeout or a cancelled request in your program).',
  client_tls_rejected: 'The client refused the inspector’s certificate: trust the inspector’s CA (Setup) or use a base-URL route instead.',
  provider_error: 'The provider reported an error inside the response: see its message below.',
  bad_request: 'The request could not be forwarded as sent: check its URL and headers.',
  inspector_stopped: 'The inspector stopped while this exchange was in flight.',
  internal: 'The inspector failed on this exchange: the log in the data folder has the details.',
};

const TYPE_HINTS: Array<[RegExp, string]> = [
  [/insufficient_quota|billing|credit/i, 'The account is out of quota or credit: check billing with the provider.'],
  [/rate_limit|too_many_requests|resource_exhausted/i, 'Rate limited: slow down, retry with backoff, or ask the provider for a higher limit.'],
  [/overloaded/i, 'The provider is overloaded: retry later with backoff.'],
  [/invalid_api_key|authentication|unauthenticated|permission|forbidden/i, 'The key was rejected: check the key your program sends (and its project or organisation).'],
  [/context_length|too long|maximum context|max_tokens/i, 'The prompt plus max tokens exceed the model’s context: trim history or lower max tokens.'],
  [/model_not_found|not_found/i, 'The model or endpoint does not exist for this key: check the model name.'],
  [/invalid_request|bad_request|invalid_argument/i, 'The provider rejected the request body: the message says which field.'],
];

const STATUS_HINTS: Record<number, string> = {
  400: 'The provider rejected the request body: the message says which field.',
  401: 'The key was rejected: check the key your program sends.',
  403: 'The key is not allowed to do this (project, region or model access).',
  404: 'The model or endpoint does not exist: check the URL and model name.',
  408: 'The provider timed out waiting for the request.',
  413: 'The request is too large for the provider.',
  429: 'Rate limited or out of quota: retry with backoff, or check billing.',
  500: 'The provider failed: retry later.',
  502: 'A gateway between you and the provider failed: retry later.',
  503: 'The provider is unavailable or overloaded: retry later.',
  504: 'A gateway timed out: retry, or stream long generations.',
  529: 'The provider is overloaded: retry later with backoff.',
};

export function errorHint(code: ErrorCode | null, providerType: string | null, status: number | null): string | null {
  if (code !== null && code !== 'provider_error') return CODE_HINTS[code];
  if (providerType !== null) {
    for (const [re, hint] of TYPE_HINTS) if (re.test(providerType)) return hint;
  }
  if (status !== null && STATUS_HINTS[status]) return STATUS_HINTS[status] ?? null;
  if (status !== null && status >= 500) return 'The provider failed: retry later.';
  if (code !== null) return CODE_HINTS[code];
  return null;
}
