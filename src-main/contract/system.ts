import { z } from 'zod';

/** The trust stores "install the CA" can mean, per OS (see src-main/system/ca-trust-targets). */
export const TrustStoreKindSchema = z.enum(['nss', 'system', 'keychain', 'windows-user']);
export type TrustStoreKindName = z.infer<typeof TrustStoreKindSchema>;

export const SystemProxyStatusSchema = z.object({
  /** whether this OS/desktop has a backend the app can drive */
  supported: z.boolean(),
  backend: z.enum(['gnome', 'kde', 'macos', 'windows']).nullable(),
  /** the system proxy is on (pointing anywhere) */
  enabled: z.boolean(),
  /** it points at this inspector's proxy */
  ours: z.boolean(),
  /** the user's settings from before are saved (so "off" can put them back) */
  savedPrevious: z.boolean(),
  /** host:port the system proxy is (or would be) pointed at */
  target: z.string(),
  /** why it is unsupported, or why its state could not be read; null when all is well */
  reason: z.string().nullable(),
});
export type SystemProxyStatus = z.infer<typeof SystemProxyStatusSchema>;

export const CaTrustTargetStatusSchema = z.object({
  /** stable for this machine: selects one target in ca.install / ca.uninstall */
  id: z.string(),
  kind: TrustStoreKindSchema,
  label: z.string(),
  /** null when it cannot be told (the tool is missing, or asking failed) */
  trusted: z.boolean().nullable(),
  installable: z.boolean(),
  /** why it is not installable (a missing tool), or null */
  unavailable: z.string().nullable(),
  /** the OS shows its own password or confirmation dialog for this store */
  needsAdminPrompt: z.boolean(),
});
export type CaTrustTargetStatus = z.infer<typeof CaTrustTargetStatusSchema>;

export const TerminalAvailabilitySchema = z.object({
  /** the terminal "open an intercepted terminal" would start, or null when none was found */
  name: z.string().nullable(),
  /** what to install or run instead, when none was found */
  reason: z.string().nullable(),
});

export const SystemStatusSchema = z.object({
  proxy: SystemProxyStatusSchema,
  ca: z.array(CaTrustTargetStatusSchema),
  terminal: TerminalAvailabilitySchema,
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;

export const CaTargetResultSchema = z.object({
  id: z.string(),
  kind: TrustStoreKindSchema,
  label: z.string(),
  ok: z.boolean(),
  /** what went wrong for this one store (the others are still tried) */
  error: z.string().nullable(),
});
export type CaTargetResult = z.infer<typeof CaTargetResultSchema>;

export const CaActionInputSchema = z.object({
  /** only stores of these kinds (default: every installable store) */
  targets: z.array(TrustStoreKindSchema).optional(),
  /** only these targets, by their status id */
  ids: z.array(z.string()).optional(),
});
export type CaActionInput = z.infer<typeof CaActionInputSchema>;

export const CaActionResultSchema = z.object({
  results: z.array(CaTargetResultSchema),
  /** the state afterwards, so a caller need not ask again */
  status: SystemStatusSchema,
});
export type CaActionResult = z.infer<typeof CaActionResultSchema>;

export const TerminalResultSchema = z.object({
  terminal: z.string(),
  pid: z.number().int().nullable(),
});
export type TerminalResult = z.infer<typeof TerminalResultSchema>;

export interface RecoveryResult {
  /** a proxy left on by an inspector that died was put back to the user's settings */
  restored: boolean;
  detail: string;
}

/**
 * The OS actions only the desktop shell can take. The service depends on this interface alone; the Electron shell
 * builds the implementation (system/DesktopIntegration) and the tray calls it directly.
 */
export interface SystemIntegration {
  status(): Promise<SystemStatus>;
  /** on: saves the user's settings, then points the system proxy here; off: puts the saved settings back */
  setSystemProxy(enabled: boolean): Promise<SystemStatus>;
  /** never throws for one failing store: each gets its own result */
  installCa(select?: CaActionInput): Promise<CaTargetResult[]>;
  uninstallCa(select?: CaActionInput): Promise<CaTargetResult[]>;
  launchTerminal(): Promise<TerminalResult>;
  /** at start: a system proxy left by an inspector that died is restored */
  recoverIfCrashed(): Promise<RecoveryResult>;
  /** at quit: the system proxy this process turned on is restored; true when something was restored */
  restoreOnQuit(): Promise<boolean>;
}

/**
 * A system action that cannot be done: `desktop_only` from the headless shell, `unavailable` when this OS lacks what it
 * needs (no terminal, no proxy backend). Both transports answer it as HTTP 409 with this type.
 */
export class SystemActionError extends Error {
  constructor(
    readonly type: 'desktop_only' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SystemActionError';
  }
}
