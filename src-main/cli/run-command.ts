import { z } from 'zod';
import { loadOrCreateCa } from '../ca/index.js';
import { resolveDataDir } from '../config/index.js';
import { writeClientTrustBundle } from '../core/index.js';
import { interceptedEnv, proxyPreloadPath, runIntercepted } from '../system/index.js';
import { CliError } from './cli-error.js';
import { readRuntimeFile } from './runtime-file.js';

export const RunFlagsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  proxyLocalhost: z.boolean().default(false),
});
export type RunFlags = z.infer<typeof RunFlagsSchema>;

/** `llm-inspector run -- cmd …`: the child's exit code is returned, so the wrapper exits exactly as the program did. */
export async function runCommand(argv: string[], flags: RunFlags): Promise<number> {
  const [command, ...args] = argv;
  if (!command) throw new CliError('nothing to run: llm-inspector run -- <command> [args…]', 2);
  const layout = resolveDataDir(flags.dataDir);
  const running = readRuntimeFile(layout.root);
  if (!running) {
    const dirFlag = flags.dataDir ? ` --data-dir ${layout.root}` : '';
    throw new CliError(`no inspector is running for ${layout.root}; start one first: llm-inspector serve${dirFlag}`);
  }
  const ca = await loadOrCreateCa(layout.caDir);
  const bundlePath = writeClientTrustBundle(layout.caDir, ca.certPem);
  const preloadPath = proxyPreloadPath();
  const env = interceptedEnv(process.env, { proxyUrl: running.proxyUrl, caPath: ca.certPath, bundlePath, preloadPath, proxyLocalhost: flags.proxyLocalhost });
  // 127 is what a shell answers for a command it cannot find; scripts that wrap `run` can tell it from the program's own codes
  const r = await runIntercepted(command, args, env).catch((err: Error) => {
    throw /^command not found/.test(err.message) ? new CliError(err.message, 127) : err;
  });
  // a child killed by a signal: die by the same signal, so a calling shell or supervisor sees what really happened
  if (r.signal) process.kill(process.pid, r.signal);
  return r.exitCode;
}
