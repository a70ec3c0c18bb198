import { z } from 'zod';

/** LLM API hosts intercepted (decrypted) by default. `*` matches one or more characters within a single DNS label. */
export const DEFAULT_MITM_HOSTS = [
  'api.openai.com',
  '*.openai.azure.com',
  '*.cognitiveservices.azure.com',
  '*.services.ai.azure.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'aiplatform.googleapis.com',
  '*-aiplatform.googleapis.com',
  'bedrock-runtime.*.amazonaws.com',
  'api.mistral.ai',
  'api.groq.com',
  'api.x.ai',
  'api.deepseek.com',
  'api.together.xyz',
  'api.together.ai',
  'api.fireworks.ai',
  'openrouter.ai',
  'api.perplexity.ai',
  'api.cohere.com',
  'api.cohere.ai',
  'api.cerebras.ai',
  'api.moonshot.ai',
  'api.voyageai.com',
] as const;

/**
 * A base-URL route: requests to the proxy port whose path starts with `prefix` go to `target` + the rest of the path.
 * A `{host}` segment in the prefix captures one path segment and is substituted into the target.
 */
export const RouteSchema = z.object({
  prefix: z.string().regex(/^(\/[A-Za-z0-9._~{}-]+)+$/, 'a path prefix like /openai or /https/{host}'),
  target: z.string().regex(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, 'an http(s) origin, optionally with a base path'),
});
export type Route = z.infer<typeof RouteSchema>;

export const DEFAULT_ROUTES: Route[] = [
  { prefix: '/openai', target: 'https://api.openai.com' },
  { prefix: '/anthropic', target: 'https://api.anthropic.com' },
  { prefix: '/gemini', target: 'https://generativelanguage.googleapis.com' },
  { prefix: '/ollama', target: 'http://127.0.0.1:11434' },
  { prefix: '/https/{host}', target: 'https://{host}' },
];

export const DEFAULT_REDACTED_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'cookie',
  'set-cookie',
  'x-amz-security-token',
  'openai-organization',
] as const;
export const DEFAULT_REDACTED_QUERY_PARAMS = ['key', 'api_key', 'apikey', 'access_token', 'token', 'sig'] as const;

const port = z.number().int().min(0).max(65535);
const hostPattern = z.string().regex(/^[A-Za-z0-9*._-]+$/, 'a host name, * allowed within a label');

export const ConfigSchema = z.object({
  proxy: z
    .object({
      host: z.string().default('127.0.0.1'),
      /** first port tried; the next free one is used when taken */
      port: port.default(8080),
    })
    .prefault({}),
  ui: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: port.default(8090),
      /** follows the OS unless set */
      theme: z.enum(['system', 'light', 'dark']).default('system'),
      /** desktop app: closing the window keeps capturing in the tray (off: closing quits) */
      closeToTray: z.boolean().default(true),
    })
    .prefault({}),
  mitm: z
    .object({
      /** hosts whose HTTPS is decrypted; every other CONNECT is a blind tunnel */
      hosts: z.array(hostPattern).default([...DEFAULT_MITM_HOSTS]),
      /** user-added hosts, kept apart so the defaults can grow between versions */
      extraHosts: z.array(hostPattern).default([]),
      /** opt-in: decrypt every CONNECT */
      all: z.boolean().default(false),
    })
    .prefault({}),
  routes: z.array(RouteSchema).default(DEFAULT_ROUTES),
  upstream: z
    .object({
      /** time allowed for connecting and receiving response headers */
      headersTimeoutMs: z.number().int().positive().default(600_000),
      /** time allowed between two chunks of a body */
      idleTimeoutMs: z.number().int().positive().default(300_000),
      /** PEM file with extra CAs trusted for upstream TLS (corporate proxies, local gateways) */
      extraCaFile: z.string().nullable().default(null),
      /** hosts whose upstream certificate is NOT verified (dangerous; logged loudly) */
      insecureHosts: z.array(hostPattern).default([]),
      /** "map remote": connect to another address for a host, keeping SNI and Host (e.g. a local mock) */
      hostMap: z.record(z.string(), z.string().regex(/^[^:\s]+:\d+$/, 'host:port')).default({}),
    })
    .prefault({}),
  capture: z
    .object({
      enabled: z.boolean().default(true),
      /** largest body kept per side, after decompression; the rest is dropped and the side marked truncated */
      maxBodyBytes: z.number().int().min(0).default(10 * 1024 * 1024),
      /** record blind tunnels (host, bytes, duration) as exchanges */
      recordTunnels: z.boolean().default(true),
      /** understand LLM calls (model, usage, cost, conversations); off leaves only the HTTP facts */
      parseLlm: z.boolean().default(true),
    })
    .prefault({}),
  redaction: z
    .object({
      headers: z.array(z.string()).default([...DEFAULT_REDACTED_HEADERS]),
      queryParams: z.array(z.string()).default([...DEFAULT_REDACTED_QUERY_PARAMS]),
      /** store secrets in clear (opt-in, for debugging auth problems) */
      disabled: z.boolean().default(false),
    })
    .prefault({}),
  pricing: z
    .object({
      /**
       * User prices, checked before the bundled price data: a model pattern (`*` wildcard), optionally limited to a
       * provider, with USD per million tokens. Local models (Ollama, LM Studio, llama.cpp, vLLM) are free by default.
       */
      overrides: z
        .array(
          z.object({
            provider: z.string().min(1).nullable().default(null),
            model: z.string().min(1),
            inputPerMTok: z.number().min(0),
            outputPerMTok: z.number().min(0),
            cacheReadPerMTok: z.number().min(0).nullable().default(null),
            cacheWritePerMTok: z.number().min(0).nullable().default(null),
          }),
        )
        .default([]),
      /** price calls to local model servers at $0 instead of "unknown" */
      localModelsFree: z.boolean().default(true),
    })
    .prefault({}),
  conversations: z
    .object({
      /** conversations kept in memory for history matching */
      maxLive: z.number().int().min(100).default(10_000),
      /** a conversation idle this long no longer absorbs new calls by history matching */
      idleTtlMs: z.number().int().min(1000).default(3_600_000),
    })
    .prefault({}),
  retention: z
    .object({
      maxRows: z.number().int().positive().nullable().default(1_000_000),
      maxAgeDays: z.number().positive().nullable().default(null),
      maxDbBytes: z.number().int().positive().nullable().default(null),
    })
    .prefault({}),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

/**
 * A section of the config as a patch: every field optional and without its default. `.partial()` alone keeps the
 * defaults, so a patch naming one field would silently reset its siblings to their defaults.
 */
function patchOf<S extends z.ZodRawShape>(section: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(section.shape).map(([k, field]) => [k, ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional()]),
  ) as { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I extends z.ZodType> ? I : S[K]> };
  return z.object(shape);
}

/** A partial update as sent by the UI or CLI: some sections, each of them partially. */
export const ConfigPatchSchema = z.object({
  proxy: patchOf(ConfigSchema.shape.proxy.unwrap()).optional(),
  ui: patchOf(ConfigSchema.shape.ui.unwrap()).optional(),
  mitm: patchOf(ConfigSchema.shape.mitm.unwrap()).optional(),
  routes: z.array(RouteSchema).optional(),
  upstream: patchOf(ConfigSchema.shape.upstream.unwrap()).optional(),
  capture: patchOf(ConfigSchema.shape.capture.unwrap()).optional(),
  redaction: patchOf(ConfigSchema.shape.redaction.unwrap()).optional(),
  pricing: patchOf(ConfigSchema.shape.pricing.unwrap()).optional(),
  conversations: patchOf(ConfigSchema.shape.conversations.unwrap()).optional(),
  retention: patchOf(ConfigSchema.shape.retention.unwrap()).optional(),
});
export type ConfigPatch = z.infer<typeof ConfigPatchSchema>;
