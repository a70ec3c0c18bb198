import { json as jsonLanguage } from '@codemirror/lang-json';
import { MergeView } from '@codemirror/merge';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorHighlight, editorTheme } from './codemirror-theme.js';

const side = (json: boolean) => [
  lineNumbers(),
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  editorTheme,
  editorHighlight,
  json ? jsonLanguage() : [],
  // a split pane is narrow: wrap rather than hide half of each side
  EditorView.lineWrapping,
];

/** Two texts side by side with their differences marked and long unchanged stretches collapsed. */
export function MergeViewer({ a, b, json, testId }: { a: string; b: string; json: boolean; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      a: { doc: a, extensions: side(json) },
      b: { doc: b, extensions: side(json) },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [a, b, json]);
  return <div className="merge-viewer" ref={host} data-testid={testId} />;
}
