// Debian's Chromium driven by playwright-core, the way every browser test here starts it. The flags keep it off the
// network (this machine refuses outside connections) and work as root in CI.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../support/fixtures.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`No Chromium at ${path}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface UiPage {
  page: Page;
  context: BrowserContext;
  /** console errors and uncaught exceptions seen so far (a test fails if the UI throws) */
  errors: string[];
  screenshot(name: string): Promise<string>;
}

/** Where screenshots of each view are kept for people to look at (ignored by git). */
export const ARTIFACTS = join(repoRoot(), 'test-artifacts', 'e2e');

export async function openUi(browser: Browser, openUrl: string, hash = '#/traffic', opts: { theme?: 'light' | 'dark' } = {}): Promise<UiPage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: opts.theme ?? 'light',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.goto(openUrl + hash);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page,
    context,
    errors,
    async screenshot(name) {
      const file = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
