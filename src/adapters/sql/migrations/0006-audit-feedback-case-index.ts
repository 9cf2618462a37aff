import type { Kysely, Migration } from 'kysely';

/**
 * Feedback found by the scored case it concludes on (request id and row): live performance keeps
 * each case's latest conclusion, a lookup per concluded case.
 *
 * @example
 * migrations['0006-audit-feedback-case-index'] = auditFeedbackCaseIndex();
 */
export function auditFeedbackCaseIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('audit_feedback_case_idx')
        .ifNotExists()
        .on('audit_feedback')
        .columns(['request_id', 'row_index'])
        .execute();
    },
  };
}
