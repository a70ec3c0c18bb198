import type { RuntimeInfo } from '../../../src-main/contract/index.js';

export interface InstallAvailability {
  enabled: boolean;
  /** shown beside the button: why it is off, or what it will do */
  reason: string;
}

/** What a terminal on the inspector's machine runs instead of each desktop-only button. */
export const CLI_EQUIVALENTS = {
  caTrust: 'llm-inspector ca trust',
  caUntrust: 'llm-inspector ca untrust',
  proxyOn: 'llm-inspector system-proxy on',
  proxyOff: 'llm-inspector system-proxy off',
  run: 'llm-inspector run -- <command>',
  env: 'eval "$(llm-inspector env)"',
} as const;

/** Whether the one-click CA install (and the other OS actions) can run from this page. */
export function installAvailability(runtime: RuntimeInfo | null): InstallAvailability {
  if (!runtime) return { enabled: false, reason: 'Finding out which shell serves this page…' };
  if (runtime.systemIntegration) return { enabled: true, reason: 'Adds the CA to the trust stores below; some ask you to confirm with your password.' };
  if (runtime.shell === 'headless') {
    return {
      enabled: false,
      reason: `This page is served by the headless inspector, and a browser page cannot change the system’s trust store. The desktop app installs it in one click; here, run ${CLI_EQUIVALENTS.caTrust} on the inspector’s machine, or follow the steps below.`,
    };
  }
  return { enabled: false, reason: `The desktop app cannot change the trust store on this system (${runtime.platform}); use the commands below.` };
}
