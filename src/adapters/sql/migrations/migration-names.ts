/**
 * The names of the migrations this code knows, in the order they apply: what a command checks a
 * store against at its start without loading the migrations' code (`migrations.ts` holds that, and
 * a test keeps the two lists equal).
 *
 * @example
 * MIGRATION_NAMES.at(-1); // '0018-audit-input-names'
 */
export const MIGRATION_NAMES: readonly string[] = [
  '0001-initial-schema',
  '0003-pipeline-runs',
  '0004-audit-log',
  '0005-audit-spool-checkpoints',
  '0006-audit-feedback-case-index',
  '0007-quality-reports',
  '0008-alerts',
  '0009-service-stats',
  '0010-api-keys',
  '0011-audit-erasures',
  '0012-audit-client-request-id',
  '0013-registry-notify',
  '0014-audit-partitions',
  '0015-alert-cases',
  '0016-audit-parts',
  '0017-audit-request-rows',
  '0018-audit-input-names',
];
