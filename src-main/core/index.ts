export { startInspector, type Inspector, type StartOptions } from './start-inspector.js';
export { VERSION } from './version.js';
export { writeClientTrustBundle } from './client-trust-bundle.js';
