// What other shells reuse from the CLI: the terminal env snippet and the runtime note `llm-inspector env` reads.
export { envLines, type EnvContext, type EnvFlags } from './env-command.js';
export { writeRuntimeFile, removeRuntimeFile, readRuntimeFile, type RuntimeFile } from './runtime-file.js';
