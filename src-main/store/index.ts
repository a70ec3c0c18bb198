export { ExchangeStore } from './exchange-store.js';
export { summaryOfBegin, summaryOfFinish } from './exchange-rows.js';
export type { StoreStats } from './exchange-store.js';
export { StoreWriteError, toStoreWriteError, hintFor } from './store-errors.js';
export type { StoreWriteErrorInfo } from './store-errors.js';
export { migrate, SCHEMA_VERSION, SchemaTooNewError } from './schema-migrations.js';
export { toFtsQuery, FTS_MAX_BYTES } from './fts.js';
export { encodeBody, ERROR_CONDITION } from './exchange-queries.js';
export type {
  BatchResult,
  FinishRecord,
  OpenInfo,
  RetentionPolicy,
  RetentionResult,
  StoreOp,
  StoreOpenOptions,
  StoredSide,
} from './store-types.js';
export { AnalyticsQueries, autoBucketMs, BUCKET_STEPS } from './analytics-queries.js';
export { encodeChunkTimes, decodeChunkTimes } from './chunk-times.js';
export type { ReparseBatchResult, ReparseOptions } from './reparse.js';
export { openDatabase } from './sqlite-open.js';
export { SQLITE_BINDING_ENV } from './sqlite-binding.js';
