/** Placeholder until this view is built. */
export function TrafficView() {
  return <section className="view-placeholder">traffic</section>;
}
