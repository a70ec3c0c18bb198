import { z } from 'zod';

/** One external command as an argument list: never a shell string, so hosts and service names need no quoting. */
export interface Cmd {
  file: string;
  args: string[];
}

/** Runs a command and returns its stdout; rejects on a non-zero exit. Injected so backends are tested without an OS. */
export type Runner = (cmd: Cmd) => Promise<string>;

export interface ProxyTarget {
  host: string;
  port: number;
  /** Hosts that must not go through the proxy (the inspector's own UI, local dev servers). */
  bypass: string[];
}

export const HostPortSchema = z.object({ host: z.string(), port: z.number().int().min(0).max(65535) });

export const GnomeStateSchema = z.object({
  backend: z.literal('gnome'),
  mode: z.string(),
  http: HostPortSchema,
  https: HostPortSchema,
  ignoreHosts: z.array(z.string()),
});
export const KdeStateSchema = z.object({
  backend: z.literal('kde'),
  proxyType: z.string(),
  httpProxy: z.string(),
  httpsProxy: z.string(),
  noProxyFor: z.string(),
});
export const MacServiceStateSchema = z.object({
  service: z.string(),
  web: z.object({ enabled: z.boolean(), host: z.string(), port: z.number().int() }),
  secureWeb: z.object({ enabled: z.boolean(), host: z.string(), port: z.number().int() }),
  bypass: z.array(z.string()),
});
export const MacStateSchema = z.object({ backend: z.literal('macos'), services: z.array(MacServiceStateSchema) });
export const WindowsStateSchema = z.object({
  backend: z.literal('windows'),
  proxyEnable: z.boolean(),
  proxyServer: z.string().nullable(),
  proxyOverride: z.string().nullable(),
});
export const ProxyStateSchema = z.discriminatedUnion('backend', [GnomeStateSchema, KdeStateSchema, MacStateSchema, WindowsStateSchema]);

export type GnomeState = z.infer<typeof GnomeStateSchema>;
export type KdeState = z.infer<typeof KdeStateSchema>;
export type MacServiceState = z.infer<typeof MacServiceStateSchema>;
export type MacState = z.infer<typeof MacStateSchema>;
export type WindowsState = z.infer<typeof WindowsStateSchema>;
export type ProxyState = z.infer<typeof ProxyStateSchema>;
export type BackendName = ProxyState['backend'];

/** What every OS backend does; the state it reads is exactly what it needs to put things back. */
export interface ProxyBackend {
  name: BackendName;
  read(run: Runner): Promise<ProxyState>;
  enable(run: Runner, target: ProxyTarget): Promise<void>;
  restore(run: Runner, previous: ProxyState): Promise<void>;
  /** Whether a state read back points at this target (for `status`). */
  pointsAt(state: ProxyState, target: Pick<ProxyTarget, 'host' | 'port'>): boolean;
}
