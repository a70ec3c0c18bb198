import { useSyncExternalStore } from 'react';

/**
 * Hash routes (`#/traffic?model=gpt-4*`): they work the same from `serve`'s HTTP origin and from the Electron window's
 * file, and every view's state that belongs in a bookmark lives in the query part.
 */
export interface Route {
  /** path segments after `#/`, e.g. ['conversations', 'c:12'] */
  segments: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = q < 0 ? '' : raw.slice(q + 1);
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  return { segments: segments.length ? segments : ['traffic'], params: new URLSearchParams(query) };
}

export function formatHash(segments: string[], params?: URLSearchParams | Record<string, string | undefined>): string {
  const path = segments.map((s) => encodeURIComponent(s)).join('/');
  const qs = params instanceof URLSearchParams ? params : new URLSearchParams(Object.entries(params ?? {}).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const q = qs.toString();
  return `#/${path}${q ? `?${q}` : ''}`;
}

let current = typeof location === 'undefined' ? parseHash('') : parseHash(location.hash);
let currentHash = typeof location === 'undefined' ? '' : location.hash;
const listeners = new Set<() => void>();

function refresh(): void {
  if (location.hash === currentHash) return;
  currentHash = location.hash;
  current = parseHash(location.hash);
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', refresh);

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, () => current, () => current);
}

export function currentRoute(): Route {
  return current;
}

/** Go to a view; `replace` keeps the back button for real navigation, not every keystroke in a filter box. */
export function navigate(segments: string[], params?: URLSearchParams | Record<string, string | undefined>, opts: { replace?: boolean } = {}): void {
  const hash = formatHash(segments, params);
  if (hash === location.hash) return;
  if (opts.replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  refresh();
}

/** Change some query parameters of the current view (undefined or '' removes one). */
export function setParams(patch: Record<string, string | undefined>, opts: { replace?: boolean } = { replace: true }): void {
  const params = new URLSearchParams(current.params);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  navigate(current.segments, params, opts);
}
