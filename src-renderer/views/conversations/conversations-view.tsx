/** Placeholder until this view is built. */
export function ConversationsView() {
  return <section className="view-placeholder">conversations</section>;
}
