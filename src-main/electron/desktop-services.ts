import { envLines, type EnvContext } from '../cli/index.js';
import type { Config, SystemStatus } from '../contract/index.js';
import type { InspectorService } from '../service/index.js';
import { proxyView, type DesktopServices, type EnvShell } from './desktop-controller.js';

/**
 * The tray's actions as calls on the service: the same commands the window sends over IPC, so a change made from
 * either shows in both (the service emits `config.changed` and `system.changed`).
 */
export function desktopServices(service: InspectorService, config: { get(): Config }, env: EnvContext): DesktopServices {
  const status = (): Promise<SystemStatus> => service.call('system.status', {});
  return {
    captureEnabled: () => config.get().capture.enabled,
    setCapture: async (enabled) => {
      await service.call('config.set', { capture: { enabled } });
    },
    systemProxyStatus: async () => proxyView((await status()).proxy),
    setSystemProxy: async (enabled) => proxyView((await service.call('system.proxy', { enabled })).proxy),
    launchTerminal: async () => (await service.call('system.terminal', {})).terminal,
    envSnippet: (shell: EnvShell) => envLines(env, { shell, baseUrls: false }).join('\n') + '\n',
  };
}
