import { useState } from 'react';

/**
 * Pretty-printed JSON with folding: objects and arrays open to `openDepth`, deeper ones folded with their size, long
 * strings clipped with a "more" toggle. Children render only when open, so a folded 2 MB example costs nothing.
 */

const CLIP = 600;

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return v !== null && typeof v === 'object';
}

function Primitive({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const text = JSON.stringify(value);
    if (text.length <= CLIP || full) return <span className="jt-str">{text}</span>;
    return (
      <span className="jt-str">
        {text.slice(0, CLIP)}
        <button type="button" className="jt-more" onClick={() => setFull(true)}>
          … {(text.length - CLIP).toLocaleString()} more characters
        </button>
      </span>
    );
  }
  if (typeof value === 'number') return <span className="jt-num">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="jt-bool">{String(value)}</span>;
  return <span className="jt-null">null</span>;
}

function Node({ name, value, depth, openDepth, comma }: { name: string | null; value: unknown; depth: number; openDepth: number; comma: boolean }) {
  const [open, setOpen] = useState(depth < openDepth);
  const key = name === null ? null : <span className="jt-key">{JSON.stringify(name)}</span>;
  if (!isContainer(value)) {
    return (
      <div className="jt-line">
        {key}
        {key && ': '}
        <Primitive value={value} />
        {comma && ','}
      </div>
    );
  }
  const array = Array.isArray(value);
  const entries: [string | null, unknown][] = array ? value.map((v) => [null, v]) : Object.entries(value);
  const [l, r] = array ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jt-line">
        {key}
        {key && ': '}
        {l}
        {r}
        {comma && ','}
      </div>
    );
  }
  return (
    <div className="jt-node">
      <div className="jt-line">
        <button type="button" className="jt-toggle" aria-expanded={open} aria-label={open ? 'Fold' : 'Unfold'} onClick={() => setOpen(!open)}>
          {open ? '\u25BE' : '\u25B8'}
        </button>
        {key}
        {key && ': '}
        {l}
        {!open && (
          <button type="button" className="jt-folded" onClick={() => setOpen(true)}>
            {array ? `${entries.length} item${entries.length === 1 ? '' : 's'}` : summary(value as Record<string, unknown>)}
          </button>
        )}
        {!open && r}
        {!open && comma && ','}
      </div>
      {open && (
        <div className="jt-children">
          {entries.map(([k, v], i) => (
            <Node key={i} name={k} value={v} depth={depth + 1} openDepth={openDepth} comma={i < entries.length - 1} />
          ))}
        </div>
      )}
      {open && (
        <div className="jt-line">
          {r}
          {comma && ','}
        </div>
      )}
    </div>
  );
}

/** A folded object's label: its role when it is a message (the commonest fold here), else its keys. */
function summary(o: Record<string, unknown>): string {
  const role = o['role'] ?? o['from'];
  if (typeof role === 'string') return `${role}…`;
  // HAR headers and query parameters
  if (typeof o['name'] === 'string' && typeof o['value'] === 'string' && Object.keys(o).length === 2) {
    const v = o['value'];
    return `${o['name']}: ${v.length > 60 ? `${v.slice(0, 60)}…` : v}`;
  }
  const keys = Object.keys(o);
  return keys.length <= 3 ? keys.join(', ') : `${keys.slice(0, 3).join(', ')}, +${keys.length - 3}`;
}

export function JsonTree({ value, openDepth = 3 }: { value: unknown; openDepth?: number }) {
  return (
    <div className="json-tree mono">
      <Node name={null} value={value} depth={0} openDepth={openDepth} comma={false} />
    </div>
  );
}
