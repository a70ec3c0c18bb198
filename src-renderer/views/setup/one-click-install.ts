import { ServiceCommands, type RuntimeInfo, type ServiceCommandName } from '../../../src-main/contract/index.js';
import type { InspectorClient } from '../../api/index.js';

export interface InstallAvailability {
  enabled: boolean;
  /** shown beside the button: why it is off, or what it will do */
  reason: string;
}

/** The command the desktop shell answers; the contract does not have it yet (see the report), so it is looked up. */
export const INSTALL_COMMAND = 'ca.install';

export function installAvailability(runtime: RuntimeInfo | null, commandKnown: boolean): InstallAvailability {
  if (!runtime) return { enabled: false, reason: 'Finding out which shell serves this page…' };
  if (runtime.shell === 'headless') {
    return {
      enabled: false,
      reason: 'This page is served by the headless inspector, and a browser page cannot change the system’s trust store. The desktop app installs it in one click; here, use the commands below.',
    };
  }
  if (!runtime.systemIntegration) {
    return { enabled: false, reason: `The desktop app cannot change the trust store on this system (${runtime.platform}); use the commands below.` };
  }
  if (!commandKnown) return { enabled: false, reason: 'This version of the desktop app has no installer yet; use the commands below.' };
  return { enabled: true, reason: 'Adds the CA to your user’s trust store; the system asks you to confirm.' };
}

export function installCommandKnown(): boolean {
  return Object.hasOwn(ServiceCommands, INSTALL_COMMAND);
}

/** Asks the desktop shell to install the CA. Its answer is not needed: `ca.info` is read again for the new trust state. */
export async function runInstall(client: InspectorClient): Promise<void> {
  // The name is checked against the command table at run time, so the cast only bridges a contract that lags behind.
  await client.call(INSTALL_COMMAND as ServiceCommandName, {} as never);
}
