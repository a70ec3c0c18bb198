import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';

/**
 * Editor colours from the app's CSS variables, so one theme serves light and dark (the variables switch, the editor
 * never needs reconfiguring).
 */
export const editorTheme: Extension = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--code-bg)', height: '100%', fontSize: '12px' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace", lineHeight: '1.45' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-alt)', color: 'var(--text-dim)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { backgroundColor: 'var(--bg-hover)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--bg-selected) !important' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--bg-hover)', border: '1px solid var(--border)', color: 'var(--text-dim)' },
  '.cm-foldGutter span': { color: 'var(--text-dim)' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--warn) 35%, transparent)' },
  '.cm-searchMatch-selected': { backgroundColor: 'color-mix(in srgb, var(--accent) 40%, transparent)' },
  '.cm-panels': { backgroundColor: 'var(--bg-alt)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panel input, .cm-panel button': { color: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', border: '1px solid var(--border)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--bg-hover) !important', outline: '1px solid var(--border)' },
  // @codemirror/merge
  '.cm-changedLine': { backgroundColor: 'color-mix(in srgb, var(--warn) 10%, transparent) !important' },
  '&.cm-merge-a .cm-changedLine, .cm-deletedChunk': { backgroundColor: 'color-mix(in srgb, var(--error) 12%, transparent) !important' },
  '&.cm-merge-b .cm-changedLine': { backgroundColor: 'color-mix(in srgb, var(--ok) 12%, transparent) !important' },
  '&.cm-merge-a .cm-changedText, .cm-deletedChunk .cm-deletedText': { background: 'color-mix(in srgb, var(--error) 22%, transparent) !important' },
  '&.cm-merge-b .cm-changedText': { background: 'color-mix(in srgb, var(--ok) 22%, transparent) !important' },
  '.cm-collapsedLines': { backgroundColor: 'var(--bg-alt)', color: 'var(--text-dim)' },
});

/**
 * The highlighting tags, taken from CodeMirror's own default style: its specs hold the tag objects (and their parents),
 * which saves a direct dependency on @lezer/highlight for six names.
 */
function knownTags(): Map<string, HighlightStyle['specs'][number]['tag']> {
  const byName = new Map<string, HighlightStyle['specs'][number]['tag']>();
  for (const spec of defaultHighlightStyle.specs) {
    for (const tag of Array.isArray(spec.tag) ? spec.tag : [spec.tag]) {
      for (const t of tag.set) if (!byName.has(t.toString())) byName.set(t.toString(), t);
    }
  }
  return byName;
}

const COLOURS: Array<[string, string]> = [
  ['propertyName', 'var(--accent)'],
  ['string', 'var(--ok)'],
  ['literal', 'var(--chart-3)'], // numbers and null are literals
  ['bool', 'var(--stream)'],
  ['atom', 'var(--stream)'],
  ['keyword', 'var(--stream)'],
  ['comment', 'var(--text-dim)'],
  ['invalid', 'var(--error)'],
];

function themedHighlight(): Extension {
  const tags = knownTags();
  const specs = COLOURS.flatMap(([name, color]) => {
    const tag = tags.get(name);
    return tag ? [{ tag, color }] : [];
  });
  return syntaxHighlighting(HighlightStyle.define(specs));
}

export const editorHighlight: Extension = themedHighlight();
