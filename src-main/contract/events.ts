import { z } from 'zod';
import { ExchangeSummarySchema } from './exchange.js';
import { LlmMessageSchema } from './llm.js';
import { CaptureStatusSchema } from './status.js';
import { SystemStatusSchema } from './system.js';

/**
 * Live events pushed to every client. `exchange.finished` is sent only once the exchange is committed to the store, so a
 * client that saw it can rely on finding the exchange after a crash.
 */
export const ServiceEventSchemas = {
  'exchange.started': ExchangeSummarySchema,
  'exchange.updated': ExchangeSummarySchema,
  'exchange.finished': ExchangeSummarySchema,
  /** the assistant's reply so far, for a streamed LLM response still arriving (throttled) */
  'exchange.reply': z.object({
    id: z.number().int(),
    message: LlmMessageSchema.nullable(),
    firstContentAtMs: z.number().nullable(),
    complete: z.boolean(),
  }),
  'capture.status': CaptureStatusSchema,
  'store.cleared': z.object({ at: z.number() }),
  'config.changed': z.object({ at: z.number() }),
  /** the system proxy or CA trust changed through the app (tray and every window follow) */
  'system.changed': SystemStatusSchema,
} as const;

export type ServiceEventName = keyof typeof ServiceEventSchemas;
export type ServiceEventPayload<E extends ServiceEventName> = z.infer<(typeof ServiceEventSchemas)[E]>;
export type ServiceEvent = { [E in ServiceEventName]: { event: E; data: ServiceEventPayload<E> } }[ServiceEventName];

export const SERVICE_EVENT_NAMES = Object.keys(ServiceEventSchemas) as ServiceEventName[];

/** Envelope of a WebSocket message from server to client. */
export const WsServerMessageSchema = z.object({ event: z.string(), data: z.unknown() });
