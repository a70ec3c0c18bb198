/** The app's top-level views, in the order the sidebar shows them, with their keyboard shortcut (Alt+digit). */
export const NAV_ITEMS = [
  { id: 'traffic', label: 'Traffic' },
  { id: 'conversations', label: 'Conversations' },
  { id: 'dashboard', label: 'Usage' },
  { id: 'export', label: 'Export' },
  { id: 'setup', label: 'Setup & CA' },
  { id: 'settings', label: 'Settings' },
  { id: 'about', label: 'About' },
] as const;

export type ViewId = (typeof NAV_ITEMS)[number]['id'];

export function viewOf(segment: string | undefined): ViewId {
  return NAV_ITEMS.find((n) => n.id === segment)?.id ?? 'traffic';
}
