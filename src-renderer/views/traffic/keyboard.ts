/** What a key press means in the Traffic view. */
export type TrafficKeyAction =
  | { type: 'move'; delta: number }
  | { type: 'page'; direction: 1 | -1 }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'compare' }
  | { type: 'focusFilter' }
  | { type: 'leaveFilter' }
  | { type: 'toggleFollow' };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Where the key was pressed: the filter box, another text field or editor (keys are theirs), or anywhere else. */
export type KeyTarget = 'filter' | 'editable' | 'other';

/**
 * Maps a key press to an action, or null to leave it to the browser. Modified keys are never taken (Alt+digit switches
 * views, Ctrl/Cmd combinations are the browser's), and nothing is taken from a text field but Escape.
 */
export function keyAction(e: KeyInput, target: KeyTarget): TrafficKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (target === 'filter') return e.key === 'Escape' ? { type: 'leaveFilter' } : e.key === 'ArrowDown' ? { type: 'leaveFilter' } : null;
  if (target === 'editable') return null;
  switch (e.key) {
    case 'ArrowDown':
    case 'j':
      return { type: 'move', delta: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'move', delta: -1 };
    case 'PageDown':
      return { type: 'page', direction: 1 };
    case 'PageUp':
      return { type: 'page', direction: -1 };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return { type: 'open' };
    case 'Escape':
      return { type: 'close' };
    case 'c':
      return { type: 'compare' };
    case '/':
      return { type: 'focusFilter' };
    case 'f':
      return { type: 'toggleFollow' };
    default:
      return null;
  }
}

/** The cursor's next index after a move, kept inside the list (-1 when the list is empty). */
export function moveCursor(current: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return delta >= 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
