import type { ReactNode } from 'react';
import { parseBlocks, type Block, type Inline } from './markdown.js';

function inlines(list: Inline[]): ReactNode[] {
  return list.map((n, i) => {
    switch (n.t) {
      case 'text':
        return n.v;
      case 'br':
        return <br key={i} />;
      case 'code':
        return <code key={i}>{n.v}</code>;
      case 'strong':
        return <strong key={i}>{inlines(n.c)}</strong>;
      case 'em':
        return <em key={i}>{inlines(n.c)}</em>;
      case 'del':
        return <del key={i}>{inlines(n.c)}</del>;
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noreferrer noopener">
            {inlines(n.c)}
          </a>
        );
    }
  });
}

/** `tail` (the live caret) goes at the end of the last block's text, where the next token will appear. */
function block(b: Block, key: number, tail: ReactNode): ReactNode {
  switch (b.t) {
    case 'p':
      return (
        <p key={key}>
          {inlines(b.c)}
          {tail}
        </p>
      );
    case 'h': {
      const H = `h${Math.min(6, b.level + 2)}` as 'h3';
      return (
        <H key={key} className="md-h">
          {inlines(b.c)}
          {tail}
        </H>
      );
    }
    case 'code':
      return (
        <pre key={key} className="md-code" data-lang={b.lang ?? undefined}>
          <code>{b.v}</code>
          {tail}
        </pre>
      );
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{blockList(item, i === b.items.length - 1 ? tail : null)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start === 1 ? undefined : b.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'quote':
      return <blockquote key={key}>{blockList(b.c, tail)}</blockquote>;
    case 'table':
      return (
        <div key={key} className="md-table-wrap">
          <table className="md-table">
            <thead>
              <tr>
                {b.head.map((c, i) => (
                  <th key={i}>{inlines(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{inlines(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {tail}
        </div>
      );
    case 'hr':
      return <hr key={key} />;
  }
}

function blockList(list: Block[], tail: ReactNode): ReactNode[] {
  if (list.length === 0) return tail ? [<p key={0}>{tail}</p>] : [];
  return list.map((b, i) => block(b, i, i === list.length - 1 ? tail : null));
}

/** Markdown text as elements (see markdown.ts for the subset). */
export function MarkdownText({ text, tail }: { text: string; tail?: ReactNode }) {
  return <div className="md">{blockList(parseBlocks(text), tail ?? null)}</div>;
}
