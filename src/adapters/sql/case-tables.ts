import type { Generated } from 'kysely';

/** The analysts' cases (migration 0015), as Kysely sees them; joined onto the store's schema with `withTables`. */
export type CaseTables = {
  alert_cases: {
    id: Generated<number>;
    subject: string | null;
    open_subject: string | null;
    state: string;
    sampled: number;
    score: number;
    threshold: number;
    model_name: string;
    model_version: string;
    request_id: string;
    row_index: number;
    opened_at: number;
    last_scored_at: number;
    scores: number;
    assignee: string | null;
    assigned_by: string | null;
    assigned_at: number | null;
    conclusion: string | null;
    label: number | null;
    note: string | null;
    concluded_by: string | null;
    concluded_at: number | null;
  };
  alert_case_scores: {
    id: Generated<number>;
    case_id: number;
    request_id: string;
    row_index: number;
    model_name: string;
    model_version: string;
    score: number;
    scored_at: number;
    sampled: number;
  };
};
