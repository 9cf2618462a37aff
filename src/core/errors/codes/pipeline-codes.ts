import { type ErrorSpec, EXIT } from '../error-spec.js';

/** Codes of pipelines: flows, pipeline runs, the job queue, workers and schedules. */
export const pipelineCodes = {
  PIPELINE_FLOW_UNKNOWN: {
    status: 404,
    exit: EXIT.usage,
    description: 'No flow is registered under that name; the message lists the flows there are.',
  },
  PIPELINE_PARAMS_INVALID: {
    status: 400,
    exit: EXIT.usage,
    description: 'The parameters of a pipeline run are not a JSON object, or not JSON at all.',
  },
  PIPELINE_RUN_NOT_RETRIABLE: {
    status: 409,
    exit: EXIT.data,
    description:
      'Only a run that ended Failed, TimedOut, Cancelled or Crashed can be retried; the message gives its state.',
  },
  PIPELINE_RUN_CRASHED: {
    status: 500,
    exit: EXIT.software,
    description:
      'Recorded on a run whose worker stopped heart-beating (killed, out of memory, machine lost); a queued run is picked up again by another worker.',
  },
  PIPELINE_RUN_CANCELLED: {
    status: 409,
    exit: EXIT.data,
    description: 'Recorded on a run cancelled before a worker started it.',
  },
  TIMED_OUT: {
    status: 504,
    exit: EXIT.software,
    description: 'A pipeline step ran past its timeout and was stopped; the run ends TimedOut.',
  },
  QUEUE_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    description:
      'The job queue needs PostgreSQL (`DATABASE_URL=postgres://…`), or cannot be reached; the embedded deployment runs pipelines in-process.',
  },
  PIPELINE_START_UNAVAILABLE: {
    status: 409,
    exit: EXIT.unavailable,
    description:
      'This server cannot hand a run to a runner: with the SQLite store only `amlops up` runs pipelines (not `amlops serve`); the message says how to start the run instead.',
  },
  SCHEDULE_INVALID: {
    status: 400,
    exit: EXIT.config,
    description:
      'A pipeline schedule is malformed: a bad cron expression, an unknown time zone, an interval that is not a positive number of seconds.',
  },
} as const satisfies Record<string, ErrorSpec>;
