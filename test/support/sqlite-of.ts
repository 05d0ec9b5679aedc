import type Database from 'better-sqlite3';
import type { BuiltWorkflows } from '../../src/app/build-workflows';

/** The SQLite database a test server runs on (these tests start it on the embedded engine, the default). */
export function sqliteOf(workflows: BuiltWorkflows): Database.Database {
  const db = workflows.storage.sqlite;
  if (!db) throw new Error('this test server runs on PostgreSQL, not the embedded SQLite file');
  return db;
}
