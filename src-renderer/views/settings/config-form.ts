import type { Config } from '../../../src-main/contract/index.js';

/**
 * The config as the form edits it: the same tree as `Config`, but a leaf may hold what the user typed before it is
 * valid (a number field holding "12a"), so it is validated rather than trusted.
 */
export type Draft = { readonly [section: string]: unknown };

export function draftOf(config: Config): Draft {
  return structuredClone(config) as Draft;
}

function segments(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(tree: unknown, path: string): unknown {
  let cur = tree;
  for (const seg of segments(path)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** A copy of `tree` with one leaf replaced; only the objects and arrays on the way are copied. */
export function setAt<T>(tree: T, path: string, value: unknown): T {
  const [head, ...rest] = segments(path);
  if (head === undefined) return value as T;
  const child = (node: unknown) => (rest.length ? setAt(node, rest.join('.'), value) : value);
  if (Array.isArray(tree)) {
    const copy = tree.slice();
    copy[Number(head)] = child(copy[Number(head)]);
    return copy as T;
  }
  const obj: Record<string, unknown> = isRecord(tree) ? tree : {};
  return { ...obj, [head]: child(obj[head]) } as T;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/**
 * What `config.set` needs to turn `saved` into `draft`: each section that changed, with only its changed keys (a list is
 * sent whole). Sections that are lists (routes) are sent whole too. Unvalidated: the caller parses it with the schema.
 */
export function configPatch(saved: Config, draft: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const base = saved as unknown as Record<string, unknown>;
  for (const section of Object.keys(draft)) {
    const before = base[section];
    const after = draft[section];
    if (deepEqual(before, after)) continue;
    if (isRecord(before) && isRecord(after)) {
      const changed: Record<string, unknown> = {};
      for (const key of Object.keys(after)) if (!deepEqual(before[key], after[key])) changed[key] = after[key];
      patch[section] = changed;
    } else {
      patch[section] = after;
    }
  }
  return patch;
}

/** Dotted paths of the leaves (section.key) that differ, for "3 unsaved changes" and per-field dirty marks. */
export function changedPaths(saved: Config, draft: Draft): string[] {
  const out: string[] = [];
  for (const [section, body] of Object.entries(configPatch(saved, draft))) {
    if (isRecord(body)) for (const key of Object.keys(body)) out.push(`${section}.${key}`);
    else out.push(section);
  }
  return out;
}

/**
 * The config changed under the form (another window, the CLI, the theme saved at once): keys the user has not touched
 * take the new value, edited ones keep the edit.
 */
export function rebaseDraft(oldSaved: Config, newSaved: Config, draft: Draft): Draft {
  let next = draft;
  const before = oldSaved as unknown as Record<string, unknown>;
  const after = newSaved as unknown as Record<string, unknown>;
  for (const section of Object.keys(after)) {
    const o = before[section];
    const n = after[section];
    if (isRecord(o) && isRecord(n)) {
      for (const key of Object.keys(n)) {
        const path = `${section}.${key}`;
        if (deepEqual(getAt(draft, path), o[key])) next = setAt(next, path, structuredClone(n[key]));
      }
    } else if (deepEqual(draft[section], o)) {
      next = setAt(next, section, structuredClone(n));
    }
  }
  return next;
}

/** Settings read only when the inspector starts: the listeners are already bound. */
export const RESTART_PATHS = ['proxy.host', 'proxy.port', 'ui.host', 'ui.port'] as const;

export function needsRestart(patch: Record<string, unknown>): boolean {
  return RESTART_PATHS.some((p) => getAt(patch, p) !== undefined);
}
