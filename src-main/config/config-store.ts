import type { Config, ConfigPatch } from '../contract/index.js';
import { mergeConfig, writeConfigFile } from './config-file.js';

/**
 * The live config: read once at start, changed through the service, saved atomically, and pushed to whoever compiled
 * something from it (the proxy settings, retention). A listener that rejects a change (e.g. an unreadable extra CA
 * file) makes `set` throw before anything is saved.
 */
/** A change the running inspector cannot apply, naming the field (dotted path) so a form can show it there. */
export class ConfigRejectedError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigRejectedError';
  }
}

export class ConfigStore {
  private listeners: ((next: Config) => void)[] = [];

  constructor(
    private current: Config,
    private readonly path: string | null,
  ) {}

  get(): Config {
    return this.current;
  }

  set(patch: ConfigPatch): Config {
    const next = mergeConfig(this.current, patch);
    for (const fn of this.listeners) fn(next);
    this.current = next;
    if (this.path) writeConfigFile(this.path, next);
    return next;
  }

  onChange(fn: (next: Config) => void): void {
    this.listeners.push(fn);
  }
}
