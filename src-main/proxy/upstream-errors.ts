import type { ErrorCode } from '../contract/index.js';

export interface ClassifiedError {
  code: ErrorCode;
  status: 502 | 504;
  message: string;
  hint: string;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);

/** Marks an error raised by the inspector's own upstream timers. */
export class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
  constructor(
    readonly phase: 'headers' | 'idle',
    readonly ms: number,
  ) {
    super(phase === 'headers' ? `no response headers within ${ms} ms` : `no data for ${ms} ms mid-body`);
  }
}

/**
 * Maps a Node network/TLS error on the upstream leg to the cause a client (and the UI) is told: what happened, to which
 * host, and what to do about it.
 */
export function classifyUpstreamError(err: unknown, host: string): ClassifiedError {
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const detail = e?.message ?? String(err);
  if (e instanceof UpstreamTimeoutError || code === 'ETIMEDOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') {
    return {
      code: 'upstream_timeout',
      status: 504,
      message: `${host} did not answer in time (${detail})`,
      hint: 'Raise upstream.headersTimeoutMs / idleTimeoutMs in the inspector settings if the model is just slow.',
    };
  }
  if (TLS_CODES.has(code) || /certificate|self[- ]signed|altname/i.test(detail)) {
    return {
      code: 'upstream_tls_verify_failed',
      status: 502,
      message: `TLS verification of ${host} failed: ${detail}`,
      hint: 'If a corporate proxy or local gateway signs this host, add its CA with upstream.extraCaFile (or NODE_EXTRA_CA_CERTS).',
    };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return {
      code: 'upstream_unreachable',
      status: 502,
      message: `${host} is unreachable: ${detail}`,
      hint: 'Check the host name, your network and any firewall; the inspector could not open a connection.',
    };
  }
  if (RESET_CODES.has(code) || /socket hang up|aborted|other side closed/i.test(detail)) {
    return {
      code: 'upstream_reset',
      status: 502,
      message: `${host} closed the connection: ${detail}`,
      hint: 'The provider dropped the connection; retrying usually works. Repeated resets point at a network middlebox.',
    };
  }
  return {
    code: 'upstream_unreachable',
    status: 502,
    message: `request to ${host} failed: ${detail}`,
    hint: 'See the inspector log for details.',
  };
}
