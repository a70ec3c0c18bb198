export { InspectorService, NotFoundError, type StoreClient, type ConfigHolder } from './inspector-service.js';
export { ServiceEvents } from './typed-events.js';
