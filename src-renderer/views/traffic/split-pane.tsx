import { useEffect, useRef, useState, type ReactNode } from 'react';
import { clampFraction, splitOrientation, type Orientation } from './split-maths.js';

const STORAGE_KEY = 'llm-inspector.traffic.split';

function loadFractions(): Record<Orientation, number> {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Record<Orientation, number>>;
    return { beside: clampFraction(raw.beside ?? 0.5), below: clampFraction(raw.below ?? 0.55) };
  } catch {
    return { beside: 0.5, below: 0.55 };
  }
}

/**
 * The list with the detail pane beside it (wide windows) or below it (narrow ones), split by a handle that drags or
 * takes arrow keys. The detail's share is remembered per orientation.
 */
export function SplitPane({ children, detail }: { children: ReactNode; detail: ReactNode | null }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  const [fractions, setFractions] = useState(loadFractions);
  const orientation = splitOrientation(width);
  const fraction = fractions[orientation];

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const set = (f: number) => {
    const next = { ...fractions, [orientation]: clampFraction(f) };
    setFractions(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // private mode: the split just is not remembered
    }
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    const el = ref.current;
    if (!el) return;
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const rect = el.getBoundingClientRect();
    const move = (ev: PointerEvent) => {
      const f = orientation === 'beside' ? (rect.right - ev.clientX) / rect.width : (rect.bottom - ev.clientY) / rect.height;
      set(f);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const grow = orientation === 'beside' ? 'ArrowLeft' : 'ArrowUp';
    const shrink = orientation === 'beside' ? 'ArrowRight' : 'ArrowDown';
    if (e.key === grow || e.key === shrink) {
      e.preventDefault();
      e.stopPropagation();
      set(fraction + (e.key === grow ? 0.05 : -0.05));
    }
  };

  return (
    <div ref={ref} className={`tr-split tr-split-${orientation}`}>
      <div className="tr-split-list">{children}</div>
      {detail !== null && (
        <>
          <div
            className="tr-split-handle"
            role="separator"
            aria-orientation={orientation === 'beside' ? 'vertical' : 'horizontal'}
            aria-valuenow={Math.round(fraction * 100)}
            aria-valuemin={15}
            aria-valuemax={85}
            aria-label="Resize the detail pane"
            tabIndex={0}
            data-testid="split-handle"
            onPointerDown={onPointerDown}
            onKeyDown={onKeyDown}
          />
          <div className="tr-split-detail" style={{ flexBasis: `${fraction * 100}%` }} data-testid="detail-pane">
            {detail}
          </div>
        </>
      )}
    </div>
  );
}
