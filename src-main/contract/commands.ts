import { z } from 'zod';
import { ConfigPatchSchema, ConfigSchema } from './config.js';
import { ExchangeDetailSchema } from './exchange.js';
import { ExchangePageSchema, ExchangeQuerySchema } from './query.js';
import { CaInfoSchema, RuntimeInfoSchema, StatsSchema } from './status.js';

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
