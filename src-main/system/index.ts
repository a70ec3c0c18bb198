// Public surface of the OS-integration module: the CLI and (later) the Electron shell import from here only.
export { interceptedEnv, nodeHonoursEnvProxy, type InterceptContext } from './intercept-env.js';
export { runIntercepted, type RunResult } from './run-intercepted.js';
export { SystemProxy, ProxyUnsupportedError, detectBackend, backendFor, execRunner, onPath, DEFAULT_BYPASS, type SavedProxyState, type SystemProxyOptions, type DetectInput } from './proxy-settings.js';
export { ProxyStateSchema, type Cmd, type Runner, type ProxyTarget, type ProxyState, type ProxyBackend, type BackendName } from './proxy-types.js';
