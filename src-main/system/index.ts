// Public surface of the OS-integration module: the CLI and (later) the Electron shell import from here only.
export { interceptedEnv, nodeHonoursEnvProxy, type InterceptContext } from './intercept-env.js';
export { runIntercepted, type RunResult } from './run-intercepted.js';
