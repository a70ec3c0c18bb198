import type http from 'node:http';
import { z } from 'zod';
import { ServiceCommands, SystemActionError, type ServiceCommandName } from '../contract/index.js';
import { ConfigRejectedError } from '../config/index.js';
import { NotFoundError, type InspectorService } from '../service/index.js';

interface CompiledRoute {
  command: ServiceCommandName;
  method: string;
  pattern: RegExp;
  params: string[];
}

/** REST routes derived from the contract's command table: one place names each command and its path. */
export function compileRoutes(): CompiledRoute[] {
  return (Object.keys(ServiceCommands) as ServiceCommandName[]).map((command) => {
    const { method, path } = ServiceCommands[command].http;
    const params: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:([A-Za-z]+)/g, (_m, name: string) => (params.push(name), '([^/]+)')) + '/?$',
    );
    return { command, method, pattern, params };
  });
}

const MAX_JSON_BODY = 1024 * 1024;

export function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_JSON_BODY) reject(new HttpError(413, 'body_too_large', 'Request body over 1 MiB'));
      else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'invalid_json', 'Request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** The shape of `z.treeifyError` for one message at a dotted path, so clients read both kinds of refusal alike. */
function treeAt(path: string, message: string): unknown {
  let node: Record<string, unknown> = { errors: [message] };
  for (const key of path.split('.').reverse()) node = { errors: [], properties: { [key]: node } };
  return node;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Runs a command for a matched route: input validated by the command's schema, errors mapped to HTTP statuses. */
export async function dispatch(
  service: InspectorService,
  route: CompiledRoute,
  match: RegExpExecArray,
  req: http.IncomingMessage,
  url: URL,
): Promise<unknown> {
  const fromPath = Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(match[i + 1] ?? '')]));
  let raw: Record<string, unknown>;
  if (route.method === 'GET') raw = { ...Object.fromEntries(url.searchParams), ...fromPath };
  else {
    const body = await readJson(req);
    // spreading an array or a string would turn its indexes into fields
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'invalid_json', 'Request body must be a JSON object');
    }
    // the path names the resource: an `id` in the body cannot point the command elsewhere
    raw = { ...(body as Record<string, unknown>), ...fromPath };
  }
  const { token: _t, ...input } = raw;
  return runCommand(service, route.command, input);
}

/**
 * Runs one command from untrusted input: validated by the command's schema, service errors mapped to HTTP statuses.
 * The REST routes and the Electron IPC bridge both come through here, so both refuse and fail alike.
 */
export async function runCommand(service: InspectorService, command: ServiceCommandName, input: unknown): Promise<unknown> {
  const schema = ServiceCommands[command].input as z.ZodType;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new HttpError(400, 'invalid_input', z.prettifyError(parsed.error), z.treeifyError(parsed.error));
  }
  try {
    return await service.call(command, parsed.data as never);
  } catch (err) {
    if (err instanceof NotFoundError) throw new HttpError(404, 'not_found', err.message);
    // desktop_only (headless shell) or unavailable (no terminal, no proxy backend): the request is fine, this app cannot
    if (err instanceof SystemActionError) throw new HttpError(409, err.type, err.message);
    if (err instanceof ConfigRejectedError) throw new HttpError(400, 'invalid_input', `${err.path}: ${err.message}`, treeAt(err.path, err.message));
    if (err instanceof z.ZodError) throw new HttpError(400, 'invalid_input', z.prettifyError(err), z.treeifyError(err));
    throw err;
  }
}
