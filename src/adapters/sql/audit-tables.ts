import type { Generated } from 'kysely';

/** The audit log's tables (migrations 0004, 0005, 0011 and 0012), as Kysely sees them; joined onto the store's schema with `withTables`. */
export type AuditTables = {
  audit_predictions: {
    id: Generated<number>;
    request_id: string;
    row_index: number;
    case_id: string | null;
    model_name: string;
    model_version: string;
    inputs: string;
    score: number;
    scored_at: number;
    caller: string;
    client_request_id: string | null;
  };
  audit_feedback: {
    id: Generated<number>;
    request_id: string | null;
    row_index: number | null;
    case_id: string | null;
    conclusion: string;
    label: number;
    received_at: number;
    analyst: string;
  };
  audit_erasures: {
    id: Generated<number>;
    subject_hash: string;
    erased_at: number;
    erased_by: string;
    cases: number;
    conclusions: number;
  };
  audit_spool_checkpoints: {
    source: string;
    position: number;
  };
};
