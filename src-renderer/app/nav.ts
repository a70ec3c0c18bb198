/** The app's top-level views, in the order the sidebar shows them, with their keyboard shortcut (Alt+digit). */
export const NAV_ITEMS = [
  { id: 'traffic', label: 'Traffic', icon: '⇄' },
  { id: 'conversations', label: 'Conversations', icon: '💬' },
  { id: 'dashboard', label: 'Usage', icon: '📈' },
  { id: 'setup', label: 'Setup & CA', icon: '🔐' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
  { id: 'about', label: 'About', icon: 'ⓘ' },
] as const;

export type ViewId = (typeof NAV_ITEMS)[number]['id'];

export function viewOf(segment: string | undefined): ViewId {
  return NAV_ITEMS.find((n) => n.id === segment)?.id ?? 'traffic';
}
