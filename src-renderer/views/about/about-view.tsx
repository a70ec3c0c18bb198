/** Placeholder until this view is built. */
export function AboutView() {
  return <section className="view-placeholder">about</section>;
}
