import Database from 'better-sqlite3';
import { SQLITE_BINDING_ENV } from './sqlite-binding.js';

/** Opens a database with the addon the running shell needs. */
export function openDatabase(path: string, options: Database.Options = {}): Database.Database {
  const binding = process.env[SQLITE_BINDING_ENV];
  return new Database(path, binding ? { ...options, nativeBinding: binding } : options);
}
