export { startApiServer, type ApiServer, type CaExporter } from './api-server.js';
export { RequestGuard, newRunToken } from './request-guard.js';
