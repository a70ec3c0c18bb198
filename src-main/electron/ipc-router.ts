import { z } from 'zod';
import { ServiceCommands, type ServiceCommandName } from '../contract/index.js';
import { HttpError } from '../server/index.js';
import { isAppUrl } from './app-protocol.js';

/** The IPC channels the preload uses. Kept here and copied into the preload, which may import nothing (sandbox). */
export const IPC_INVOKE = 'inspector:invoke';
export const IPC_EVENTS = 'inspector:events';

const COMMAND_NAMES = Object.keys(ServiceCommands) as [ServiceCommandName, ...ServiceCommandName[]];

/** One message from the renderer: a command of the contract and its raw input (validated by that command's schema). */
export const IpcInvokeSchema = z.strictObject({
  command: z.enum(COMMAND_NAMES),
  input: z.unknown().optional(),
});

export const IpcErrorSchema = z.object({
  status: z.number().int(),
  type: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;
export type IpcResult = { ok: true; value: unknown } | { ok: false; error: IpcError };

export type CommandRunner = (command: ServiceCommandName, input: unknown) => Promise<unknown>;

export interface IpcRouterOptions {
  run: CommandRunner;
  log?: (message: string) => void;
}

/**
 * The main-process end of the bridge. Trusts nothing from the renderer: the sender must be our own page (not a frame or
 * page navigated elsewhere), the envelope must name a command of the contract, and the command's own schema checks the
 * input before the service sees it. Every failure becomes a plain error value, never a thrown exception across IPC
 * (Electron would replace its message with a generic one).
 */
export class IpcRouter {
  constructor(private readonly opts: IpcRouterOptions) {}

  async handle(senderUrl: string, message: unknown): Promise<IpcResult> {
    if (!isAppUrl(senderUrl)) {
      this.opts.log?.(`IPC refused from ${senderUrl || 'an unknown frame'}`);
      return fail(403, 'forbidden_sender', 'Only the inspector window may call the inspector.');
    }
    const envelope = IpcInvokeSchema.safeParse(message);
    if (!envelope.success) {
      return fail(400, 'invalid_message', z.prettifyError(envelope.error), z.treeifyError(envelope.error));
    }
    try {
      // input absent means no arguments, as an empty query string does over REST
      const value = await this.opts.run(envelope.data.command, envelope.data.input ?? {});
      return { ok: true, value };
    } catch (err) {
      if (err instanceof HttpError) return fail(err.status, err.type, err.message, err.details);
      this.opts.log?.(`IPC ${envelope.data.command} failed: ${(err as Error).stack ?? String(err)}`);
      return fail(500, 'internal', (err as Error).message || 'internal error');
    }
  }
}

function fail(status: number, type: string, message: string, details?: unknown): IpcResult {
  return { ok: false, error: { status, type, message, ...(details === undefined ? {} : { details }) } };
}
