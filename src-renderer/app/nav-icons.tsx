import type { ViewId } from './nav.js';

/** Stroke icons drawn inline: no icon font or emoji to depend on, and they take the text colour. */
const PATHS: Record<ViewId, string> = {
  traffic: 'M4 7h13l-3-3M20 17H7l3 3',
  conversations: 'M4 5h16v10H9l-5 4z',
  dashboard: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  export: 'M12 3v12M7 10l5 5 5-5M4 19h16',
  setup: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M9 12l2 2 4-4',
  settings: 'M12 15a3 3 0 100-6 3 3 0 000 6z M19 12l2-1-1-3-2 .3-1.5-1.5L17 5l-3-1-1 2h-2l-1-2-3 1 .5 2L6 8.5 4 8l-1 3 2 1v0l-2 1 1 3 2-.3 1.5 1.5L7 19l3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3z',
  about: 'M12 21a9 9 0 100-18 9 9 0 000 18z M12 11v6 M12 7.5v.5',
};

export function NavIcon({ view }: { view: ViewId }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[view]} />
    </svg>
  );
}
