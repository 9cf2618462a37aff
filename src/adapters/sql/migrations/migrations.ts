import type { Migration, MigrationProvider } from 'kysely';
import type { SqlFlavor } from '../sql-flavor.js';
import { initialSchema } from './0001-initial-schema.js';
import { pipelineRunsSchema } from './0003-pipeline-runs.js';
import { auditLogSchema } from './0004-audit-log.js';
import { auditSpoolCheckpointsSchema } from './0005-audit-spool-checkpoints.js';
import { auditFeedbackCaseIndex } from './0006-audit-feedback-case-index.js';
import { qualityReportsSchema } from './0007-quality-reports.js';
import { alertsSchema } from './0008-alerts.js';
import { serviceStatsSchema } from './0009-service-stats.js';
import { apiKeysSchema } from './0010-api-keys.js';
import { auditErasuresSchema } from './0011-audit-erasures.js';
import { auditClientRequestIdSchema } from './0012-audit-client-request-id.js';
import { registryNotifySchema } from './0013-registry-notify.js';
import { auditPartitionsSchema } from './0014-audit-partitions.js';
import { alertCasesSchema } from './0015-alert-cases.js';
import { auditPartsSchema } from './0016-audit-parts.js';
import { auditRequestRowsSchema } from './0017-audit-request-rows.js';
import { auditInputNamesSchema } from './0018-audit-input-names.js';

/**
 * The migrations, as code (no files read at run time), in the order Kysely's Migrator applies them
 * (by name). Add a migration as `000N-what-it-does.ts` and list it here.
 *
 * @example
 * new Migrator({ db, provider: migrationProvider('sqlite') });
 */
export function migrationProvider(kind: SqlFlavor['kind']): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial-schema': initialSchema(kind),
    '0003-pipeline-runs': pipelineRunsSchema(kind),
    '0004-audit-log': auditLogSchema(kind),
    '0005-audit-spool-checkpoints': auditSpoolCheckpointsSchema(),
    '0006-audit-feedback-case-index': auditFeedbackCaseIndex(),
    '0007-quality-reports': qualityReportsSchema(kind),
    '0008-alerts': alertsSchema(kind),
    '0009-service-stats': serviceStatsSchema(kind),
    '0010-api-keys': apiKeysSchema(),
    '0011-audit-erasures': auditErasuresSchema(kind),
    '0012-audit-client-request-id': auditClientRequestIdSchema(),
    '0013-registry-notify': registryNotifySchema(kind),
    '0014-audit-partitions': auditPartitionsSchema(kind),
    '0015-alert-cases': alertCasesSchema(kind),
    '0016-audit-parts': auditPartsSchema(kind),
    '0017-audit-request-rows': auditRequestRowsSchema(kind),
    '0018-audit-input-names': auditInputNamesSchema(kind),
  };
  return { getMigrations: async () => migrations };
}
