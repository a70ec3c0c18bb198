import { useCallback, useRef, useState } from 'react';

/** Why following the newest rows stopped: the user's toggle, a scroll away from them, or a selected row. */
export type PauseReason = 'user' | 'scroll' | 'select';

export interface FollowState {
  following: boolean;
  reason: PauseReason | null;
}

export interface Follow extends FollowState {
  pause: (reason: PauseReason) => void;
  resume: () => void;
}

/** Follow-tail state; `onPause` runs when following stops (the store starts counting new rows then). */
export function useFollow(onPause: () => void): Follow {
  const [state, setState] = useState<FollowState>({ following: true, reason: null });
  const current = useRef(state);
  current.current = state;
  const pause = useCallback(
    (reason: PauseReason) => {
      const s = current.current;
      if (s.following) {
        onPause();
        setState({ following: false, reason });
      } else if (s.reason === 'scroll' && reason !== 'scroll') {
        // a deliberate pause outlasts a scroll back to the top
        setState({ following: false, reason });
      }
    },
    [onPause],
  );
  const resume = useCallback(() => setState({ following: true, reason: null }), []);
  return { ...state, pause, resume };
}
