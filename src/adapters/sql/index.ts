export type { Database } from './database.js';
export { openSqlDatabase } from './open-sql-database.js';
export { openSqlStores, type SqlStores } from './open-sql-stores.js';
export { SqlQualityReportStore } from './quality-report-sql-store.js';
export { resolveDatabaseUrl } from './resolve-database-url.js';
export type { SqlDatabase } from './sql-database.js';
export { SqlModelRegistry, type SqlRegistryOptions } from './sql-model-registry.js';
export { type SqlStoreOptions, SqlTrackingStore } from './sql-tracking-store.js';
