export { resolveDataDir, defaultDataDir, type DataDirLayout } from './data-dir.js';
export { readConfigFile, writeConfigFile, mergeConfig, ConfigFileError } from './config-file.js';
export { ConfigStore, ConfigRejectedError } from './config-store.js';
