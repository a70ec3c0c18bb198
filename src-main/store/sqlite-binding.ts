/**
 * The environment variable naming a better-sqlite3 addon built for another ABI. `node_modules` keeps the one built for
 * Node (tests, `serve`, the CLI); the Electron shell sets this to the copy built for Electron's ABI before anything opens
 * the store. An environment variable rather than an option because the store is opened inside worker threads (ingest,
 * export), which inherit the environment but not the shell's module state.
 *
 * A module of its own, with no imports, so the Electron main process can name it without loading the store.
 */
export const SQLITE_BINDING_ENV = 'LLM_INSPECTOR_SQLITE_BINDING';
