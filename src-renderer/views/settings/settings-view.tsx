/** Placeholder until this view is built. */
export function SettingsView() {
  return <section className="view-placeholder">settings</section>;
}
