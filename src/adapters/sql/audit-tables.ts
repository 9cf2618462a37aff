import type { Generated } from 'kysely';

/** The audit log's tables (migrations 0004, 0005, 0011, 0016, 0017 and 0018), as Kysely sees them; joined onto the store's schema with `withTables`. */
export type AuditTables = {
  /** One row per request part (consecutive cases of one request under one model version), or per group of one-case requests (`requests`). */
  audit_parts: {
    id: Generated<number>;
    request_id: string;
    /** Position in its request of the part's first case. */
    first_row: number;
    /** How many cases the part holds (at least one). */
    cases: number;
    /** The subject of a part of one case (indexed); null for larger parts. */
    case_id: string | null;
    /** The subjects of a part of several cases, a JSON array; null when none has one (or one case). */
    case_ids: string | null;
    model_name: string;
    model_version: string;
    /**
     * The input columns' names, a JSON array (migration 0018): each case of `inputs` is then an
     * array of its values in that order. Null where each case is an object (rows written before,
     * cases appended one by one).
     */
    input_names: string | null;
    /** The cases' inputs, a JSON list (an array without its brackets) of objects, or of arrays (`input_names`). */
    inputs: string;
    /** The cases' scores, a JSON list of numbers (an array without its brackets). */
    scores: string;
    scored_at: number;
    caller: string;
    client_request_id: string | null;
    /**
     * The ids of a row of several one-case requests (migration 0017) in its cases' order, each
     * without the 13 characters (its millisecond) it shares with `request_id` and followed by a
     * comma; null for a request part, whose cases are `first_row` on of `request_id`.
     */
    requests: string | null;
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
