import {
  type CommandInput,
  type CommandOutput,
  type ServiceCommandName,
  type ServiceEvent,
} from '../../src-main/contract/index.js';
import { parseEventBatch } from './event-batch.js';
import { ApiError, checkOutput, type ConnectionState, type InspectorClient } from './inspector-client.js';
import { Listeners } from './listeners.js';

/**
 * What the Electron preload exposes on `window.llmInspector`: raw messages in, raw messages out. Both sides validate
 * with the contract's schemas, so the bridge itself carries no types it could get wrong.
 */
export interface PreloadBridge {
  invoke(command: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { status: number; type: string; message: string; details?: unknown } }>;
  /** each message is a JSON text `{events:[…]}`, the same framing as the WebSocket */
  onEvents(listener: (message: string) => void): () => void;
  /** base URL of downloads the main process serves (CA files, bodies) */
  resourceBase: string;
}

export class IpcClient implements InspectorClient {
  private readonly events = new Listeners<ServiceEvent[]>();
  private readonly states = new Listeners<ConnectionState>();
  private readonly off: () => void;
  readonly connection: ConnectionState = 'open';

  constructor(private readonly bridge: PreloadBridge) {
    this.off = bridge.onEvents((message) => {
      const batch = parseEventBatch(message);
      if (batch.length) this.events.emit(batch);
    });
  }

  async call<C extends ServiceCommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
    const res = await this.bridge.invoke(command, input);
    if (!res.ok) throw new ApiError(res.error.status, res.error.type, res.error.message, res.error.details);
    return checkOutput(command, res.value, 500);
  }

  subscribe(listener: (events: ServiceEvent[]) => void): () => void {
    return this.events.add(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.states.add(listener);
  }

  resourceUrl(path: string): string {
    return this.bridge.resourceBase + path;
  }

  close(): void {
    this.off();
  }
}
