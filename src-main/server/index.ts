export { startApiServer, type ApiServer, type CaExporter } from './api-server.js';
export { RequestGuard, newRunToken } from './request-guard.js';
export { EventBatcher, type EventSink } from './event-batcher.js';
export { StaticUi, DEFAULT_UI_DIR } from './static-ui.js';
export { runCommand, HttpError } from './rest-router.js';
