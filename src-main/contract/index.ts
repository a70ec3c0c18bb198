export * from './exchange.js';
export * from './query.js';
export * from './config.js';
export * from './status.js';
export * from './events.js';
export * from './commands.js';
export * from './llm.js';
export * from './analytics.js';
