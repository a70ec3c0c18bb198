/** Placeholder until the Export view is built. */
export function ExportView() {
  return <section className="view-placeholder">export</section>;
}
