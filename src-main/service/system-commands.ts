import { SystemActionError, type CaTargetResult, type ServiceApi, type SystemIntegration } from '../contract/index.js';
import type { ServiceEvents } from './typed-events.js';

type SystemCommandName = 'system.status' | 'system.proxy' | 'ca.install' | 'ca.uninstall' | 'system.terminal';

/** What the headless shell answers: a browser page cannot change OS settings, but the CLI on the same machine can. */
export const DESKTOP_ONLY_MESSAGE =
  'Only the desktop app changes OS settings. From a terminal on this machine: llm-inspector system-proxy on|off, ' +
  'llm-inspector ca trust|untrust, and llm-inspector run -- <command> (or eval "$(llm-inspector env)") to intercept one program or shell.';

/**
 * The OS-integration commands, delegating to the desktop shell's SystemIntegration. Each change is followed by a
 * `system.changed` event with the new state, so the tray and other windows follow without polling. `system` is read on
 * each call because the service's fields are set up before the host that holds it.
 */
export function systemCommands(system: () => SystemIntegration | null, events: ServiceEvents): Pick<ServiceApi, SystemCommandName> {
  const need = (): SystemIntegration => {
    const s = system();
    if (!s) throw new SystemActionError('desktop_only', DESKTOP_ONLY_MESSAGE);
    return s;
  };
  // a store install or removal answers with each store's result and the state after, which the tray and windows follow
  const caAction = async (act: (s: SystemIntegration) => Promise<CaTargetResult[]>) => {
    const s = need();
    const results = await act(s);
    const status = await s.status();
    events.emit('system.changed', status);
    return { results, status };
  };
  return {
    'system.status': () => need().status(),
    'system.proxy': async ({ enabled }) => {
      const status = await need().setSystemProxy(enabled);
      events.emit('system.changed', status);
      return status;
    },
    'ca.install': (select) => caAction((s) => s.installCa(select)),
    'ca.uninstall': (select) => caAction((s) => s.uninstallCa(select)),
    // a terminal changes nothing system-wide: no event
    'system.terminal': () => need().launchTerminal(),
  };
}
