import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A panel under its trigger that closes on an outside click or Escape. Escape stops here, so it does not also close the
 * detail pane (the Traffic view closes the pane on Escape).
 */
export function Popover({ open, onClose, children, className, testId }: { open: boolean; onClose: () => void; children: ReactNode; className?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      const el = ref.current;
      // the trigger sits in the same wrapper, so clicking it again toggles instead of closing and reopening
      if (el && !el.parentElement?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, onClose]);
  if (!open) return null;
  return (
    <div
      ref={ref}
      className={`popover ${className ?? ''}`}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {children}
    </div>
  );
}
