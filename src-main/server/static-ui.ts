import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The built renderer (`dist/renderer`), next to the compiled server in both the source tree and the packaged app. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));

export interface StaticFile {
  body: Buffer;
  type: string;
  /** hashed file names never change content, so the browser may keep them */
  immutable: boolean;
}

/** Serves the Vite build: `index.html` at `/`, hashed bundles under `/assets/`. Nothing outside the folder is reachable. */
export class StaticUi {
  private index: { mtimeMs: number; body: Buffer } | null = null;

  constructor(private readonly dir: string = DEFAULT_UI_DIR) {}

  /** false when the renderer was not built; the server then shows its placeholder page */
  get built(): boolean {
    return this.indexHtml() !== null;
  }

  /** Re-read when the file changes: a rebuild renames the hashed bundles it points at, and a running server must follow. */
  indexHtml(): Buffer | null {
    const indexPath = join(this.dir, 'index.html');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(indexPath).mtimeMs;
    } catch {
      this.index = null;
      return null;
    }
    if (this.index?.mtimeMs !== mtimeMs) this.index = { mtimeMs, body: readFileSync(indexPath) };
    return this.index.body;
  }

  async asset(urlPath: string): Promise<StaticFile | null> {
    if (!urlPath.startsWith('/assets/')) return null;
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath.slice(1));
    } catch {
      return null;
    }
    const full = normalize(join(this.dir, rel));
    if (!full.startsWith(normalize(this.dir + sep))) return null;
    const type = TYPES[extname(full)];
    if (!type) return null;
    try {
      return { body: await readFile(full), type, immutable: true };
    } catch {
      return null;
    }
  }
}

/** The page's policy: only this server's scripts, styles inline (charts and the editor set style attributes), images
 * also from data:/blob: (chat images are often inline), connections only back to this server. */
export function uiContentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
