/** Placeholder until the live rate sparkline is built. */
export function LiveRate() {
  return null;
}
