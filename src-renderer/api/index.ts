import { HttpClient } from './http-transport.js';
import type { InspectorClient } from './inspector-client.js';
import { IpcClient, type PreloadBridge } from './ipc-transport.js';

export { ApiError, type ConnectionState, type InspectorClient } from './inspector-client.js';
export { type PreloadBridge } from './ipc-transport.js';
export { restRequest } from './http-transport.js';
export { parseEventBatch } from './event-batch.js';

/** The Electron preload's bridge when running in the desktop window; the page's own origin otherwise. */
export function createClient(): InspectorClient {
  const bridge = (globalThis as { llmInspector?: PreloadBridge }).llmInspector;
  return bridge ? new IpcClient(bridge) : new HttpClient(location.origin);
}
