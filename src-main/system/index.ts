// Public surface of the OS-integration module: the CLI and (later) the Electron shell import from here only.
export { interceptedEnv, nodeHonoursEnvProxy, outsideAsar, proxyPreloadPath, type InterceptContext } from './intercept-env.js';
export { runIntercepted, type RunResult } from './run-intercepted.js';
export { SystemProxy, ProxyUnsupportedError, detectBackend, backendFor, execRunner, onPath, DEFAULT_BYPASS, type SavedProxyState, type SystemProxyOptions, type DetectInput } from './proxy-settings.js';
export { ProxyStateSchema, type Cmd, type Runner, type ProxyTarget, type ProxyState, type ProxyBackend, type BackendName } from './proxy-types.js';
export * as caTrustCommands from './ca-trust-commands.js';
export {
  nssDatabases, nssInstall, nssUninstall, nssIsTrusted, linuxStoreInstall, linuxStoreUninstall, linuxStoreIsTrusted, linuxFlavour,
  macInstall, macUninstall, macIsTrusted, winInstall, winUninstall, winIsTrusted, type CaCert, type LinuxStoreOptions,
} from './ca-trust.js';
export { caTrustTargets, type TrustTarget, type TrustStoreKind, type TargetOptions } from './ca-trust-targets.js';
export { planTerminal, launchTerminal, TerminalUnavailableError, LINUX_TERMINAL_NAMES, type TerminalPlan, type TerminalPlanInput } from './terminal-launch.js';
export { DesktopIntegration, proxyStateEnabled, proxyTargetOf, type DesktopIntegrationOptions } from './desktop-integration.js';
