import { json as jsonLanguage } from '@codemirror/lang-json';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { editorHighlight, editorTheme } from './codemirror-theme.js';

function extensions(json: boolean, wrap: boolean): Extension[] {
  return [
    basicSetup,
    EditorState.readOnly.of(true),
    editorTheme,
    editorHighlight,
    json ? jsonLanguage() : [],
    wrap ? EditorView.lineWrapping : [],
  ];
}

export function viewerState(text: string, json: boolean, wrap: boolean): EditorState {
  return EditorState.create({ doc: text, extensions: extensions(json, wrap) });
}

/**
 * A read-only CodeMirror 6 view. The editor is made once per mount and given a new state when the text changes, so a
 * parent re-render costs nothing; CodeMirror draws only the visible lines, which is what keeps 10 MB bodies usable.
 */
export function CodeViewer({ text, json, wrap = false, testId }: { text: string; json: boolean; wrap?: boolean; testId?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const shown = useRef<{ text: string; json: boolean; wrap: boolean } | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({ state: viewerState(text, json, wrap), parent: host.current });
    view.current = v;
    shown.current = { text, json, wrap };
    return () => {
      v.destroy();
      view.current = null;
      shown.current = null;
    };
    // created once per mount; later changes go through setState below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    const s = shown.current;
    if (!v || (s && s.text === text && s.json === json && s.wrap === wrap)) return;
    v.setState(viewerState(text, json, wrap));
    shown.current = { text, json, wrap };
  }, [text, json, wrap]);

  return <div className="code-viewer" ref={host} data-testid={testId} />;
}
