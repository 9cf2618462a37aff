import { Counter, Gauge, Registry } from 'prom-client';
import type { LoadedModel } from '../../services/loaded-model.js';
import { PredictionCounter } from './prediction-counter.js';
import { RequestDurations } from './request-durations.js';
import { ScoreHistogram } from './score-histogram.js';

/** What the metrics read from the process's audit recorder when they are collected. */
export interface AuditStats {
  /** Bytes this process recorded that the store has not taken yet. */
  readonly backlogBytes: number;
  readonly refused: number;
  readonly written: number;
}

/** What the metrics read from the audit spool's writer when collected. */
export interface AuditSpoolStats {
  /** Bytes of records in the spool not yet written to the store. */
  readonly backlogBytes: number;
  /** Cases the writer has written to the store since the server started. */
  readonly written: number;
  /** Damaged spool files found. */
  readonly damaged: number;
  /** Why the writer's last pass failed (the store slow or unreachable); absent once one succeeds. */
  readonly storeError?: string;
}

/**
 * The scoring server's Prometheus metrics, in a registry of its own: request durations by route
 * and status, predictions by model version, the score histogram, errors by code, model load time,
 * the audit recorder's backlog, records and refusals, and the audit spool writer's progress.
 *
 * @example
 * const metrics = new ScoringMetrics(() => queue);
 * reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
 */
export class ScoringMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new RequestDurations();
  readonly predictions = new PredictionCounter();
  readonly scores = new ScoreHistogram();
  readonly errors: Counter<'code'>;
  readonly modelLoadSeconds: Gauge<'model_name' | 'model_version'>;
  readonly modelSwaps: Counter<'role'>;
  readonly modelLoadFailures: Counter;
  readonly shadowScores: Counter<'model_version'>;

  constructor(
    audit: () => AuditStats | undefined = () => undefined,
    spool: () => AuditSpoolStats | undefined = () => undefined,
    served: () => LoadedModel | undefined = () => undefined,
  ) {
    const registers = [this.registry];
    new Gauge({
      name: 'amlops_model_served',
      help: 'The version served by default and the version its alias names (they differ while that one cannot be loaded): 1 for the pair',
      labelNames: ['model_name', 'served_version', 'wanted_version'],
      registers,
      aggregator: 'max',
      collect() {
        this.reset();
        const model = served();
        if (model)
          this.set(
            {
              model_name: model.name,
              served_version: model.version,
              wanted_version: model.stale?.wanted ?? model.version,
            },
            1,
          );
      },
    });
    this.registry.registerMetric(this.httpDuration.metric);
    this.registry.registerMetric(this.predictions.metric);
    this.registry.registerMetric(this.scores.metric);
    this.errors = new Counter({
      name: 'amlops_errors_total',
      help: 'Error answers, by error code',
      labelNames: ['code'],
      registers,
    });
    this.modelLoadSeconds = new Gauge({
      name: 'amlops_model_load_seconds',
      help: 'Time taken to load and verify each loaded model version',
      labelNames: ['model_name', 'model_version'],
      registers,
      // Across a cluster's workers, the slowest.
      aggregator: 'max',
    });
    this.modelSwaps = new Counter({
      name: 'amlops_model_swaps_total',
      help: 'Models swapped in after an alias moved',
      labelNames: ['role'],
      registers,
    });
    this.modelLoadFailures = new Counter({
      name: 'amlops_model_load_failures_total',
      help: 'Model versions that could not be loaded or verified',
      registers,
    });
    this.shadowScores = new Counter({
      name: 'amlops_shadow_predictions_total',
      help: 'Cases shadow-scored by the challenger (logged, never returned)',
      labelNames: ['model_version'],
      registers,
    });
    /**
     * A gauge read from `source` when collected (0 while it has nothing); across a cluster's workers
     * summed, or the first worker's for a figure every worker reports alike.
     */
    const gauge = <T>(
      source: () => T | undefined,
      name: string,
      help: string,
      read: (s: T) => number,
      aggregator: 'sum' | 'first' = 'sum',
    ) =>
      new Gauge({
        name,
        help,
        registers,
        aggregator,
        collect() {
          const stats = source();
          this.set(stats ? read(stats) : 0);
        },
      });
    gauge(
      audit,
      'amlops_audit_backlog_bytes',
      "Bytes of answered cases in the serving processes' spool files not yet taken by the store (at audit.maxBacklogMb per process, scoring answers 503)",
      (s) => s.backlogBytes,
    );
    gauge(
      audit,
      'amlops_audit_refused_total',
      'Scored cases not answered (503 AUDIT_UNAVAILABLE) because they could not be recorded (the backlog full, the spool file unwritable)',
      (s) => s.refused,
    );
    gauge(
      audit,
      'amlops_audit_written_total',
      'Scored cases recorded in the spool file before their answer',
      (s) => s.written,
    );
    gauge(
      spool,
      'amlops_audit_spool_backlog_bytes',
      'Bytes of audit records in the spool folder not yet written to the store, as its writer last saw them',
      (s) => s.backlogBytes,
      'first',
    );
    gauge(
      spool,
      'amlops_audit_spool_written_total',
      'Scored cases the spool writer has written to the store since the server started',
      (s) => s.written,
      'first',
    );
    gauge(
      spool,
      'amlops_audit_spool_damaged_files_total',
      'Damaged audit spool files found (their readable records are written, the rest reported in the log)',
      (s) => s.damaged,
      'first',
    );
  }
}
