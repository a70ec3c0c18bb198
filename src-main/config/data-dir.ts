import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';

/** Every file the app writes lives under one data dir, so tests and several instances stay apart. */
export interface DataDirLayout {
  root: string;
  dbPath: string;
  caDir: string;
  leafCacheDir: string;
  configPath: string;
  logDir: string;
}

export function defaultDataDir(): string {
  return envPaths('llm-inspector', { suffix: '' }).data;
}

export function resolveDataDir(dataDir?: string | null, dbPath?: string | null): DataDirLayout {
  const root = resolve(dataDir ?? defaultDataDir());
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const layout: DataDirLayout = {
    root,
    dbPath: dbPath ? resolve(dbPath) : join(root, 'inspector.db'),
    caDir: join(root, 'ca'),
    leafCacheDir: join(root, 'ca', 'leaves'),
    configPath: join(root, 'config.json'),
    logDir: join(root, 'logs'),
  };
  mkdirSync(layout.logDir, { recursive: true, mode: 0o700 });
  return layout;
}
