import { z } from 'zod';
import {
  UsageQuerySchema,
  UsageSummaryQuerySchema,
  UsageSummarySchema,
  UsageTimeseriesQuerySchema,
  UsageTimeseriesSchema,
  UsageTotalsSchema,
} from './analytics.js';
import { ResendInputSchema, ResendResultSchema, SelfTestResultSchema } from './actions.js';
import { ConfigPatchSchema, ConfigSchema } from './config.js';
import { ConversationPageSchema, ConversationQuerySchema } from './conversations.js';
import { ExchangeDetailSchema, ExchangeSummarySchema } from './exchange.js';
import { ExchangePageSchema, ExchangeQuerySchema } from './query.js';
import { CaInfoSchema, RuntimeInfoSchema, StatsSchema } from './status.js';
import { CaActionInputSchema, CaActionResultSchema, SystemStatusSchema, TerminalResultSchema } from './system.js';

/**
 * Every command of the service: its input and output schemas and how it is reached over REST. The REST router, the
 * Electron preload and the renderer's API client are all derived from this table, so a name is written once.
 */
export const ServiceCommands = {
  'exchanges.list': {
    input: ExchangeQuerySchema,
    output: ExchangePageSchema,
    http: { method: 'GET', path: '/api/exchanges' },
  },
  'exchanges.get': {
    input: z.object({ id: z.coerce.number().int().positive() }),
    output: ExchangeDetailSchema,
    http: { method: 'GET', path: '/api/exchanges/:id' },
  },
  'exchanges.resend': {
    input: ResendInputSchema,
    output: ResendResultSchema,
    http: { method: 'POST', path: '/api/exchanges/:id/resend' },
  },
  /** stars (bookmarks) or unstars one stored exchange; answers with its updated summary */
  'exchanges.star': {
    input: z.object({
      id: z.coerce.number().int().positive(),
      starred: z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean()),
    }),
    output: ExchangeSummarySchema,
    http: { method: 'POST', path: '/api/exchanges/:id/star' },
  },
  'conversations.list': {
    input: ConversationQuerySchema,
    output: ConversationPageSchema,
    http: { method: 'GET', path: '/api/conversations' },
  },
  'setup.selfTest': {
    input: z.object({}),
    output: SelfTestResultSchema,
    http: { method: 'POST', path: '/api/setup/self-test' },
  },
  'stats.get': {
    input: z.object({}),
    output: StatsSchema,
    http: { method: 'GET', path: '/api/stats' },
  },
  'config.get': {
    input: z.object({}),
    output: ConfigSchema,
    http: { method: 'GET', path: '/api/config' },
  },
  'config.set': {
    input: ConfigPatchSchema,
    output: ConfigSchema,
    http: { method: 'PATCH', path: '/api/config' },
  },
  'ca.info': {
    input: z.object({}),
    output: CaInfoSchema,
    http: { method: 'GET', path: '/api/ca' },
  },
  'runtime.info': {
    input: z.object({}),
    output: RuntimeInfoSchema,
    http: { method: 'GET', path: '/api/runtime' },
  },
  'store.clear': {
    input: z.object({}),
    output: z.object({ deleted: z.number().int() }),
    http: { method: 'POST', path: '/api/store/clear' },
  },
  'store.reparse': {
    /** re-derive LLM facts from stored bodies in the background: rows an older parser wrote, or every row with `all` */
    input: z.object({ all: z.preprocess((v) => v === true || v === 'true' || v === '1', z.boolean()).optional() }),
    /** rows the run will visit */
    output: z.object({ total: z.number().int() }),
    http: { method: 'POST', path: '/api/store/reparse' },
  },
  'analytics.timeseries': {
    input: UsageTimeseriesQuerySchema,
    output: UsageTimeseriesSchema,
    http: { method: 'GET', path: '/api/analytics/timeseries' },
  },
  'analytics.summary': {
    input: UsageSummaryQuerySchema,
    output: UsageSummarySchema,
    http: { method: 'GET', path: '/api/analytics/summary' },
  },
  /** OS integration (desktop shell only; headless answers 409 desktop_only): system proxy, CA trust stores, terminal */
  'system.status': {
    input: z.object({}),
    output: SystemStatusSchema,
    http: { method: 'GET', path: '/api/system' },
  },
  /** on saves the user's proxy settings first; off puts them back */
  'system.proxy': {
    input: z.object({ enabled: z.boolean() }),
    output: SystemStatusSchema,
    http: { method: 'POST', path: '/api/system/proxy' },
  },
  'ca.install': {
    input: CaActionInputSchema,
    output: CaActionResultSchema,
    http: { method: 'POST', path: '/api/ca/install' },
  },
  'ca.uninstall': {
    input: CaActionInputSchema,
    output: CaActionResultSchema,
    http: { method: 'POST', path: '/api/ca/uninstall' },
  },
  /** opens a terminal whose programs go through the inspector (no system-wide change) */
  'system.terminal': {
    input: z.object({}),
    output: TerminalResultSchema,
    http: { method: 'POST', path: '/api/system/terminal' },
  },
  /** totals in the llm-proxy shape: {total_requests, total_tokens, avg_latency_ms, success_rate} */
  'usage.get': {
    input: UsageQuerySchema,
    output: UsageTotalsSchema,
    http: { method: 'GET', path: '/api/usage' },
  },
} as const;

export type ServiceCommandName = keyof typeof ServiceCommands;
export type CommandInput<C extends ServiceCommandName> = z.input<(typeof ServiceCommands)[C]['input']>;
export type CommandParsedInput<C extends ServiceCommandName> = z.infer<(typeof ServiceCommands)[C]['input']>;
export type CommandOutput<C extends ServiceCommandName> = z.infer<(typeof ServiceCommands)[C]['output']>;

/** The service as both shells expose it: one async function per command. */
export type ServiceApi = {
  [C in ServiceCommandName]: (input: CommandParsedInput<C>) => Promise<CommandOutput<C>>;
};

/** CA downloads are binary, so they sit beside the JSON commands. */
export const CA_DOWNLOAD_FORMATS = ['pem', 'der', 'crt'] as const;
export type CaDownloadFormat = (typeof CA_DOWNLOAD_FORMATS)[number];
