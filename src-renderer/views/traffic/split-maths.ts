export type Orientation = 'beside' | 'below';

/** Below this width the detail goes under the list: beside it, neither would have room for its columns. */
export const BESIDE_MIN_WIDTH = 1000;

export function splitOrientation(width: number): Orientation {
  return width >= BESIDE_MIN_WIDTH ? 'beside' : 'below';
}

/** The detail's share of the split, kept where both panes stay usable. */
export function clampFraction(f: number): number {
  if (!Number.isFinite(f)) return 0.5;
  return Math.min(0.85, Math.max(0.15, f));
}
