import { readFileSync } from 'node:fs';

function readVersion(): string {
  // dist/src-main/core/version.js → package.json three levels up (also true for src-main/core under tsx)
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'llm-inspector' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
