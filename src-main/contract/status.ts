import { z } from 'zod';

export const CaptureStatusSchema = z.object({
  /** false while the store cannot take writes (disk full, read-only file, SQLite error); traffic still flows */
  paused: z.boolean(),
  /** why capture is paused, with what to do */
  reason: z.string().nullable(),
  /** exchanges waiting to be written */
  queueDepth: z.number().int(),
  /** exchanges that could not be stored since start */
  dropped: z.number().int(),
});
export type CaptureStatus = z.infer<typeof CaptureStatusSchema>;

export const StatsSchema = z.object({
  exchanges: z.number().int(),
  byState: z.record(z.string(), z.number().int()),
  errors: z.number().int(),
  requestBytes: z.number().int(),
  responseBytes: z.number().int(),
  dbBytes: z.number().int(),
  /** counters since this process started */
  session: z.object({
    exchanges: z.number().int(),
    errors: z.number().int(),
    tunnels: z.number().int(),
    inFlight: z.number().int(),
  }),
  capture: CaptureStatusSchema,
  /** memory of the inspector process, and of its two JavaScript heaps (forwarding thread, ingest worker) */
  memory: z.object({
    rssBytes: z.number().int(),
    mainHeapBytes: z.number().int(),
    /** buffers and other memory V8 tracks outside the forwarding thread's heap */
    mainExternalBytes: z.number().int(),
    workerHeapBytes: z.number().int(),
  }),
});
export type Stats = z.infer<typeof StatsSchema>;

export const CaInfoSchema = z.object({
  subject: z.string(),
  fingerprintSha256: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  certPath: z.string(),
  /**
   * The client trust bundle (`<ca dir>/client-bundle.pem`: the system roots plus this CA), for SSL_CERT_FILE,
   * REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE; written at start. Null when it could not be written.
   */
  bundlePath: z.string().nullable(),
  /** whether this machine trusts the CA, where that can be detected */
  trust: z.object({
    state: z.enum(['trusted', 'not_trusted', 'unknown']),
    /** where it was looked for, or why it cannot be told */
    detail: z.string(),
  }),
});
export type CaInfo = z.infer<typeof CaInfoSchema>;

export const RuntimeInfoSchema = z.object({
  version: z.string(),
  proxyUrl: z.string(),
  uiUrl: z.string().nullable(),
  dataDir: z.string(),
  dbPath: z.string(),
  startedAt: z.number(),
  /** which shell serves the UI: the browser one cannot change OS settings */
  shell: z.enum(['headless', 'electron']),
  /** OS integration (system proxy, one-click CA install) is available */
  systemIntegration: z.boolean(),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
    sqlite: z.string(),
    v8: z.string(),
  }),
  platform: z.string(),
});
export type RuntimeInfo = z.infer<typeof RuntimeInfoSchema>;
