import type { Follow } from './use-follow.js';

/** Live (following the newest rows) or paused, with how many arrived since; a click switches. */
export function FollowToggle({ follow, enabled, newCount }: { follow: Follow; enabled: boolean; newCount: number }) {
  const live = enabled && follow.following;
  return (
    <button
      type="button"
      className={live ? 'tr-follow is-live' : 'tr-follow'}
      aria-pressed={live}
      disabled={!enabled}
      title={enabled ? (live ? 'Following the newest exchanges (f pauses)' : 'Paused (f resumes)') : 'Sort by time to follow new exchanges'}
      onClick={() => (follow.following ? follow.pause('user') : follow.resume())}
      data-testid="follow-toggle"
      data-following={live}
    >
      {live ? (
        <>
          <span className="tr-live" aria-hidden="true" /> Live
        </>
      ) : (
        <>
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
            <rect x="1.5" y="1" width="2.5" height="8" fill="currentColor" />
            <rect x="6" y="1" width="2.5" height="8" fill="currentColor" />
          </svg>{' '}
          Paused{enabled && newCount > 0 ? ` · ${newCount.toLocaleString('en-US')} new` : ''}
        </>
      )}
    </button>
  );
}

/** Over the top of the list: "N new — refresh" behind a text search, or "N new" while paused (a click follows again). */
export function NewRowsPill(p: { hidden: number; paused: number; onRefresh: () => void; onJump: () => void }) {
  if (p.hidden > 0) {
    return (
      <button type="button" className="tr-pill" data-testid="new-rows-pill" data-kind="search" onClick={p.onRefresh} title="New exchanges may match the text search: run it again">
        {p.hidden.toLocaleString('en-US')} new — refresh
      </button>
    );
  }
  if (p.paused > 0) {
    return (
      <button type="button" className="tr-pill" data-testid="new-rows-pill" data-kind="paused" onClick={p.onJump} title="Jump to the newest and follow again">
        <svg width="9" height="9" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M5 1L9 6H6V9H4V6H1Z" fill="currentColor" />
        </svg>{' '}
        {p.paused.toLocaleString('en-US')} new
      </button>
    );
  }
  return null;
}
