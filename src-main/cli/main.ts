#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { loadOrCreateCa } from '../ca/index.js';
import { readConfigFile, resolveDataDir } from '../config/index.js';
import { VERSION, writeClientTrustBundle } from '../core/index.js';
import { caExportCommand, CaExportFlagsSchema, caPathCommand, caRegenerateCommand } from './ca-command.js';
import { registerCaTrustCommands } from './ca-trust-command.js';
import { CliError, oneLine } from './cli-error.js';
import { envLines, EnvFlagsSchema } from './env-command.js';
import { registerExportCommands } from './export-cli.js';
import { runCommand, RunFlagsSchema } from './run-command.js';
import { readRuntimeFile } from './runtime-file.js';
import { serveCommand, ServeFlagsSchema } from './serve-command.js';
import { systemProxyCommand, SystemProxyFlagsSchema } from './system-proxy-command.js';

/** Flags are parsed by commander and then validated by a zod schema, so a bad value gets one clear line. */
function validated<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const flag = issue?.path.length ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : 'flags';
    throw new CliError(`invalid ${flag}: ${issue?.message ?? 'bad value'} (see --help)`, 2);
  }
  return r.data;
}

export function buildCli(): Command {
  const program = new Command('llm-inspector')
    .description('See every LLM API call your programs make.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('run the inspector headless: proxy + UI/API over HTTP and WebSocket')
    .option('--proxy-port <port>', 'proxy port (next free port if taken; default 8080)')
    .option('--ui-port <port>', 'UI/API port (next free port if taken; default 8090)')
    .option('--db <file>', 'SQLite database file (default <data dir>/inspector.db)')
    .option('--data-dir <dir>', 'where the database, CA, config and logs live')
    .option('--config <file>', 'config file (default <data dir>/config.json)')
    .option('--log-level <level>', 'terminal log level: debug, info, warn, error', 'info')
    .action((opts: unknown) => serveCommand(validated(ServeFlagsSchema, opts)));

  const ca = program.command('ca').description('the CA certificate that makes HTTPS readable');
  ca.command('path')
    .description('print the CA certificate path')
    .option('--data-dir <dir>')
    .action((opts: { dataDir?: string }) => caPathCommand(opts.dataDir));
  ca.command('export')
    .description('write the CA certificate (never the key) as PEM, DER or PKCS#12')
    .option('--format <format>', 'pem, der or p12', 'pem')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--password <password>', 'password for the p12 file', '')
    .option('--data-dir <dir>')
    .action((opts: unknown) => caExportCommand(validated(CaExportFlagsSchema, opts)));
  ca.command('regenerate')
    .description('replace the CA with a new one (clients must trust it again)')
    .option('--data-dir <dir>')
    .action((opts: { dataDir?: string }) => caRegenerateCommand(opts.dataDir));
  registerCaTrustCommands(ca);

  program
    .command('env')
    .description('print shell lines that route a terminal through the inspector: eval "$(llm-inspector env)"')
    .option('--shell <shell>', 'bash, zsh, fish, powershell or cmd', 'bash')
    .option('--base-urls', 'also set OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GOOGLE_GEMINI_BASE_URL')
    .option('--data-dir <dir>')
    .action(async (opts: { shell?: string; baseUrls?: boolean; dataDir?: string }) => {
      const flags = validated(EnvFlagsSchema, { shell: opts.shell, baseUrls: opts.baseUrls ?? false });
      const layout = resolveDataDir(opts.dataDir);
      const running = readRuntimeFile(layout.root);
      const ca = await loadOrCreateCa(layout.caDir);
      const cfg = readConfigFile(layout.configPath);
      const proxyUrl = running?.proxyUrl ?? `http://${cfg.proxy.host}:${cfg.proxy.port}`;
      if (!running) process.stderr.write(`note: no inspector is running for ${layout.root}; start one with: llm-inspector serve\n`);
      const bundlePath = writeClientTrustBundle(layout.caDir, ca.certPem);
      process.stdout.write(envLines({ proxyUrl, caPath: ca.certPath, bundlePath }, flags).join('\n') + '\n');
    });
  program
    .command('reparse')
    .description('re-derive LLM facts (model, usage, cost, …) of stored exchanges with this version\'s parsers (not while serve runs)')
    .option('--data-dir <dir>', 'where the database lives')
    .option('--db <file>', 'SQLite database file (default <data dir>/inspector.db)')
    .option('--all', 'every exchange, not only those an older parser version wrote')
    .action(async (opts: { dataDir?: string; db?: string; all?: boolean }) => {
      // loaded on use: it brings the store and the LLM stage, which `serve` keeps off its forwarding thread
      const { reparseCommand, ReparseFlagsSchema } = await import('./reparse-command.js');
      reparseCommand(validated(ReparseFlagsSchema, { ...opts, all: opts.all ?? false }));
    });
  program
    .command('run')
    .description('run a command with its HTTP(S) routed through the running inspector: llm-inspector run -- node app.js')
    .argument('[command...]', 'the command and its arguments, after --')
    .option('--data-dir <dir>', 'the data dir of the inspector to use')
    .option('--proxy-localhost', 'also route localhost traffic through the proxy')
    .action(async (argv: string[], opts: { dataDir?: string; proxyLocalhost?: boolean }) => {
      // the wrapper ends the way its child ended: same exit code (set here), or the same signal (raised in runCommand)
      process.exitCode = await runCommand(argv, validated(RunFlagsSchema, { ...opts, proxyLocalhost: opts.proxyLocalhost ?? false }));
    });
  program
    .command('system-proxy')
    .description('point the OS system proxy at the running inspector (on), put the previous settings back (off), or show it')
    .argument('<action>', 'on, off or status')
    .option('--data-dir <dir>')
    .action((action: string, opts: { dataDir?: string }) => systemProxyCommand(validated(SystemProxyFlagsSchema, { action, ...opts })));
  registerExportCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    const code = err instanceof CliError ? err.exitCode : 1;
    process.stderr.write(`llm-inspector: ${oneLine(err)}\n`);
    return code;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  runCli(process.argv).then((code) => {
    // serve keeps running on its own servers; every other command ends here
    if (code !== 0) process.exit(code);
  });
}
