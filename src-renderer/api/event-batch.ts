import { z } from 'zod';
import { ServiceEventSchemas, type ServiceEvent, type ServiceEventName } from '../../src-main/contract/index.js';

const BatchSchema = z.object({ events: z.array(z.object({ event: z.string(), data: z.unknown() })) });

/**
 * Validates one server message (`{events:[…]}`) against the contract. Events of a kind this build does not know are
 * skipped rather than failing the batch, so an older UI keeps working against a newer server.
 */
export function parseEventBatch(text: string): ServiceEvent[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  const batch = BatchSchema.safeParse(raw);
  if (!batch.success) return [];
  const out: ServiceEvent[] = [];
  for (const e of batch.data.events) {
    if (!(e.event in ServiceEventSchemas)) continue;
    const name = e.event as ServiceEventName;
    const data = ServiceEventSchemas[name].safeParse(e.data);
    if (data.success) out.push({ event: name, data: data.data } as ServiceEvent);
  }
  return out;
}
