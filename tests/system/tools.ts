// Real-OS tests need a few Debian tools. Missing locally: skip with the reason. Missing in CI (CI=true): fail loudly,
// so a CI image without them cannot pass by skipping.
import { existsSync } from 'node:fs';
import { onPath } from '../../src-main/system/index.js';

export interface ToolCheck {
  /** Pass as node:test's `skip` option: false when everything is there. */
  skip: string | false;
  /** Call first thing in the test: throws in CI when a tool is missing. */
  assertInCi(): void;
}

/** tools: command → Debian package; files: a file some package must provide (absolute path, or a glob-free list of candidates joined by '|') → package. */
export function needTools(tools: Record<string, string>, files: Record<string, string> = {}): ToolCheck {
  const missing = [
    ...Object.entries(tools).filter(([tool]) => !onPath(tool)),
    ...Object.entries(files).filter(([f]) => !f.split('|').some((c) => existsSync(c))),
  ];
  const why = missing.length ? `missing ${missing.map(([t, pkg]) => `${t} (apt-get install ${pkg})`).join(', ')}` : '';
  const ci = process.env.CI === 'true';
  return {
    skip: why && !ci ? why : false,
    assertInCi() {
      if (why) throw new Error(`CI=true but ${why}`);
    },
  };
}
