import { Command } from 'commander';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

/** The desktop app's own flags (`npm start -- --data-dir /tmp/x`), a subset of `serve`'s. */
export const DesktopFlagsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  proxyPort: port.optional(),
  uiPort: port.optional(),
  /** start in the tray without opening the window (e.g. at login) */
  hidden: z.boolean().default(false),
});
export type DesktopFlags = z.infer<typeof DesktopFlagsSchema>;

/**
 * Reads our flags from Electron's argv, ignoring everything else on it (Chromium's switches, the app path, what a
 * launcher adds). A bad value is an error naming the flag, shown by the shell before anything starts.
 */
export function parseDesktopArgs(argv: string[]): DesktopFlags {
  const cmd = new Command('llm-inspector-desktop')
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption(false)
    .exitOverride()
    .option('--data-dir <dir>')
    .option('--proxy-port <port>')
    .option('--ui-port <port>')
    .option('--hidden');
  cmd.parse(argv, { from: 'node' });
  const parsed = DesktopFlagsSchema.safeParse(cmd.opts());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = `--${String(issue?.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new Error(`invalid ${flag}: ${issue?.message ?? 'bad value'}`);
  }
  return parsed.data;
}
