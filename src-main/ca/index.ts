// Public surface of the CA module: the install's root CA, per-host leaves for interception, and upstream trust.
export {
  loadOrCreateCa,
  regenerateCa,
  caPaths,
  type CaBasics,
  type CertificateAuthority,
  type CaOptions,
  type CaPaths,
} from './ca-authority.js';
export { LeafCertificates, normalizeLeafHost, type LeafMaterial, type LeafOptions } from './leaf-certificates.js';
export {
  buildUpstreamCaList,
  splitPemBundle,
  SYSTEM_BUNDLE_PATHS,
  type UpstreamTrust,
  type UpstreamTrustOptions,
} from './upstream-trust.js';
export { measureLeafStall, type LeafStallOptions, type LeafStallResult } from './leaf-stall-probe.js';
export { probeCaTrust, trustBundleFiles, LINUX_TRUST_BUNDLES, type CaTrust, type TrustProbeOptions } from './trust-probe.js';
