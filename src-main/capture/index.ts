export { ExchangeRecorder, type RecorderInit } from './exchange-recorder.js';
export { Redactor, type RedactionRules } from './redact.js';
export type { CaptureSink, LiveUpdate } from './capture-sink.js';
