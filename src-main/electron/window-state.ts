import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** The saved state, or the default when there is none or it does not parse (a hand-edited or truncated file). */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the old state, not half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(WindowStateSchema.parse(state)));
  renameSync(tmp, file);
}

/**
 * Keeps a remembered position only if enough of the window still lands on a connected display: a monitor unplugged
 * since the last run must not open the app off-screen. Too large a size shrinks to the work area.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const width = Math.min(state.width, Math.max(...workAreas.map((a) => a.width)));
  const height = Math.min(state.height, Math.max(...workAreas.map((a) => a.height)));
  const base = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return base;
  const win = { x: state.x, y: state.y, width, height };
  // the title bar's first 100×40 px must be on some display, or the user cannot drag the window back
  const grip = { x: win.x, y: win.y, width: Math.min(100, width), height: 40 };
  const visible = workAreas.some((a) => overlap(grip, a) >= grip.width * grip.height * 0.5);
  return visible ? { ...base, x: win.x, y: win.y } : base;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
