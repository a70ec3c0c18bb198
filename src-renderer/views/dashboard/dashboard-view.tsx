/** Placeholder until this view is built. */
export function DashboardView() {
  return <section className="view-placeholder">dashboard</section>;
}
