import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A panel under its trigger that closes on an outside click or Escape. It is placed with fixed coordinates, kept inside
 * the window, because the detail pane clips anything that overflows it. Escape stops here, so it does not also close the
 * detail pane (the Traffic view closes the pane on Escape).
 */
export function Popover({ open, onClose, children, className, testId }: { open: boolean; onClose: () => void; children: ReactNode; className?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);

  useLayoutEffect(() => {
    if (!open) {
      setPos(null);
      return;
    }
    const place = () => {
      const el = ref.current;
      const anchor = el?.parentElement;
      if (!el || !anchor) return;
      const a = anchor.getBoundingClientRect();
      const width = el.offsetWidth;
      const left = Math.max(8, Math.min(a.left, window.innerWidth - width - 8));
      setPos({ top: a.bottom + 4, left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const el = ref.current;
      // the trigger sits in the same wrapper, so clicking it again toggles instead of closing and reopening
      if (el && !el.parentElement?.contains(e.target as Node)) onClose();
    };
    // capture phase on window: runs before the Traffic view's own Escape handler, wherever the focus is
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onClose();
    };
    document.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open, onClose]);

  if (!open) return null;
  return (
    <div
      ref={ref}
      className={`popover ${className ?? ''}`}
      data-testid={testId}
      style={pos ? { top: pos.top, left: pos.left } : { visibility: 'hidden' }}
    >
      {children}
    </div>
  );
}
