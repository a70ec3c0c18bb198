import { ServiceCommands, type CommandInput, type CommandOutput, type ServiceCommandName, type ServiceEvent } from '../../src-main/contract/index.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * The one interface the UI talks to. Two transports implement it: REST + WebSocket for the headless `serve` shell and
 * the browser, preload IPC for the Electron window. Views never know which one they have.
 */
export interface InspectorClient {
  call<C extends ServiceCommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>>;
  /** live events, in the batches they arrive in (so a store can apply a burst in one render) */
  subscribe(listener: (events: ServiceEvent[]) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  /** an absolute URL for a download the server offers (CA files, raw bodies), e.g. `/api/ca.pem` */
  resourceUrl(path: string): string;
  close(): void;
}

/** A failed command, with the server's machine-readable type and a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Checks a command's answer against the contract, whichever transport brought it. */
export function checkOutput<C extends ServiceCommandName>(command: C, value: unknown, status: number): CommandOutput<C> {
  const parsed = ServiceCommands[command].output.safeParse(value);
  if (!parsed.success) throw new ApiError(status, 'bad_response', `Unexpected answer to ${command}: ${parsed.error.message}`);
  return parsed.data as CommandOutput<C>;
}
