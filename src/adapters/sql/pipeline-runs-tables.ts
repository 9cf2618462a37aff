import type { Generated } from 'kysely';

/**
 * The pipeline-run tables, as Kysely sees them. Kept apart from `Database` and added with
 * `db.withTables<PipelineRunTables>()`, so that the pipeline store owns its schema. JSON values
 * (params, outputs, log fields) are stored as text in both dialects.
 */
export type PipelineRunTables = {
  pipeline_runs: {
    id: string;
    flow: string;
    params: string;
    state: string;
    created_at: number;
    started_at: number | null;
    ended_at: number | null;
    error_code: string | null;
    error_message: string | null;
    failed_step: string | null;
    tracking_run_id: string | null;
    worker: string | null;
    heartbeat_at: number | null;
    attempt: number;
    cancel_requested: number;
  };
  pipeline_run_steps: {
    run_id: string;
    name: string;
    /** Order of the step's first record in the run. */
    position: number;
    state: string;
    attempt: number;
    started_at: number | null;
    ended_at: number | null;
    output: string | null;
    error_code: string | null;
    error_message: string | null;
  };
  pipeline_run_logs: {
    seq: Generated<number>;
    run_id: string;
    time: number;
    step: string;
    level: string;
    message: string;
    fields: string | null;
  };
};
