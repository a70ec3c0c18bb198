/** Placeholder until this view is built. */
export function SetupView() {
  return <section className="view-placeholder">setup</section>;
}
