export { ExchangeRecorder, type RecorderInit } from './exchange-recorder.js';
export { Redactor, type RedactionRules } from './redact.js';
export type { CaptureSink, InFlightExchange, InFlightView, LiveUpdate } from './capture-sink.js';
export { loadProviders, type Providers } from './live-reply.js';
export { SecretVault, restoreHeaders, restoreUrl, REDACTED_TAG, type Restored } from './secret-vault.js';
export { ReplayMarkers, REPLAY_HEADER, type IssuedMarker } from './replay-markers.js';
