import type { AuditLog } from '../../ports/audit-log.js';
import type { PlatformStores } from '../../services/platform-stores.js';

/**
 * What amlops' own API serves: the stores the tracking and registry use cases work on, and the
 * audit log of scored cases when the server keeps one.
 *
 * @example
 * await app.register(platformApi, { stores: { tracking, registry, artifacts }, auditLog });
 */
export interface PlatformApiOptions {
  readonly stores: PlatformStores;
  readonly auditLog?: Pick<AuditLog, 'labelledScores'>;
}
