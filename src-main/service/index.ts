export { InspectorService, NotFoundError, type StoreClient, type ConfigHolder } from './inspector-service.js';
export { ServiceEvents } from './typed-events.js';
export { DESKTOP_ONLY_MESSAGE } from './system-commands.js';
