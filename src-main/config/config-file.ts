import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigSchema, type Config, type ConfigPatch } from '../contract/index.js';

export class ConfigFileError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`Config file ${path} is not valid: ${detail}. Fix or delete it (the defaults are used when it is absent).`);
  }
}

/** Reads a config file (JSON), validated by the same schema the API uses. A missing file means all defaults. */
export function readConfigFile(path: string): Config {
  if (!existsSync(path)) return ConfigSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigFileError(path, (err as Error).message);
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigFileError(path, z.prettifyError(parsed.error).replace(/\n/g, '; '));
  return parsed.data;
}

/** Writes atomically, so a crash mid-write never leaves a half file that would stop the next start. */
export function writeConfigFile(path: string, config: Config): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Applies a partial update section by section; the result is validated as a whole. */
export function mergeConfig(current: Config, patch: ConfigPatch): Config {
  const next = {
    proxy: { ...current.proxy, ...patch.proxy },
    ui: { ...current.ui, ...patch.ui },
    mitm: { ...current.mitm, ...patch.mitm },
    routes: patch.routes ?? current.routes,
    upstream: { ...current.upstream, ...patch.upstream },
    capture: { ...current.capture, ...patch.capture },
    redaction: { ...current.redaction, ...patch.redaction },
    pricing: { ...current.pricing, ...patch.pricing },
    conversations: { ...current.conversations, ...patch.conversations },
    retention: { ...current.retention, ...patch.retention },
  };
  return ConfigSchema.parse(next);
}
