import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { LocalArtifactStore } from '../adapters/artifacts/local-artifact-store.js';
import { WebhookNotifier } from '../adapters/notify/webhook-notifier.js';
import { SqlAlertStore } from '../adapters/sql/alert-sql-store.js';
import { SqlApiKeyStore } from '../adapters/sql/api-key-sql-store.js';
import { openAuditLog } from '../adapters/sql/audit-open-log.js';
import { SqlCaseStore } from '../adapters/sql/case-sql-store.js';
import { SqlFeedbackLog } from '../adapters/sql/feedback-sql-log.js';
import { openSqlDatabase } from '../adapters/sql/open-sql-database.js';
import { SqlQualityReportStore } from '../adapters/sql/quality-report-sql-store.js';
import { listenRegistryChanges } from '../adapters/sql/registry-listener.js';
import { SqlServiceStatsStore } from '../adapters/sql/service-stats-sql-store.js';
import { SqlModelRegistry } from '../adapters/sql/sql-model-registry.js';
import { SqlTrackingStore } from '../adapters/sql/sql-tracking-store.js';
import { artifactRootOf, type Config, databaseUrlOf } from '../config/index.js';
import { parseArtifactUri } from '../core/artifacts/index.js';
import { AmlopsError } from '../core/errors/index.js';
import type { ArtifactStore } from '../ports/artifact-store.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { FeedbackLog } from '../ports/feedback-log.js';
import { alertServiceDeps } from '../services/alert-service-deps.js';
import { callerVerifierOf } from '../services/caller-verifier-of.js';
import { monitoringSnapshot } from '../services/monitoring-snapshot.js';
import { noProductionHint } from '../services/no-production-hint.js';
import { ScoringService } from '../services/scoring-service.js';
import { ServingModels } from '../services/serving-models.js';
import type { RouteAccessEntry } from './auth/install-auth.js';
import { hardeningOf, readTlsFiles } from './hardening/index.js';
import { mlflowApi } from './mlflow/index.js';
import { platformApi } from './platform/index.js';
import { buildScoringApp } from './scoring/build-scoring-app.js';
import { registerModelQualityGauges } from './scoring/model-quality-gauges.js';
import { ScoringMetrics } from './scoring/scoring-metrics.js';
import { SERVICE_STATS_INTERVAL_MS, ServiceStatsRecorder } from './scoring/service-stats-recorder.js';
import { openServerAudit, type PrimaryAudit, type ServerAudit } from './server-audit.js';
import { type ServerPipelinesOptions, serverPipelines } from './server-pipelines.js';
import { DEFAULT_WEB_ROOT, readWebUiFiles } from './web/web-ui-files.js';
import { registerWebUiRoutes } from './web/web-ui-routes.js';

/** A scoring server ready to listen: its app, the models it follows, its audit. */
export interface ServerApp {
  readonly app: FastifyInstance;
  readonly models: ServingModels;
  readonly audit: ServerAudit | undefined;
  readonly auditLog: AuditLog;
  readonly feedbackLog: FeedbackLog;
  readonly metrics: ScoringMetrics;
  /** Every route the server registered, with the access it needs (the role table, `auth.*`). */
  readonly routeAccess: readonly RouteAccessEntry[];
  /** Records what was served since the last interval now (otherwise every 15 s and on close). */
  flushServiceStats(): Promise<void>;
  /** Stops following the registry, writes the audit out and closes the stores (after `app.close()`). */
  close(): Promise<void>;
}

export interface ServerAppOptions {
  /** Where relative paths of the configuration are resolved (the process's working directory). */
  readonly cwd: string;
  readonly version: string;
  readonly logger?: FastifyBaseLogger;
  /** True while draining for shutdown. */
  readonly draining?: () => boolean;
  /**
   * In a cluster worker, the spool folder of the primary, whose thread writes the worker's audit
   * records to the store; by default this process writes its own (see `openServerAudit`).
   */
  readonly primaryAudit?: PrimaryAudit;
  /** The whole cluster's metrics, in a worker of one (given the worker's registry to share). */
  readonly clusterMetrics?: (registry: ScoringMetrics['registry']) => () => Promise<string>;
  /** Where the built web UI is (`index.html`, `assets/`); dist/web of the package by default. */
  readonly webRoot?: string;
  /**
   * The deployment's flows and who runs them, for the pipeline routes of `/api/v1`; without it the
   * server knows no flow (it still lists, shows and cancels runs).
   */
  readonly pipelines?: ServerPipelinesOptions;
}

/**
 * Composes the server from the configuration: the scoring API, MLflow's REST API and amlops' own
 * `/api/v1`; the tracking store, registry, pipeline runs and audit log on the store's database, artifacts by URI, the served models following `model.name`'s production alias (polled
 * every `scoring.pollSeconds`), the audit (recorder and spool writer), the metrics and the Fastify app.
 *
 * @example
 * const server = await openServerApp(config, { cwd: process.cwd(), version: '0.1.0' });
 * await server.app.listen({ host: '127.0.0.1', port: 8080 });
 */
export async function openServerApp(config: Config, options: ServerAppOptions): Promise<ServerApp> {
  // Before opening anything: a wrong certificate setting stops the server with nothing to close.
  const hardening = hardeningOf(config, readTlsFiles(config, options.cwd));
  const databaseUrl = databaseUrlOf(config, options.cwd);
  const artifactRoot = artifactRootOf(config, options.cwd);
  const openArtifacts = await artifactOpener(artifactRoot);
  const database = await openSqlDatabase(databaseUrl);
  const registry = await SqlModelRegistry.open(database, { artifactRoot, openArtifacts });
  const tracking = await SqlTrackingStore.open(database, { artifactRoot });
  const quality = await SqlQualityReportStore.open(database);
  const serviceStats = await SqlServiceStatsStore.open(database);
  const alertStore = await SqlAlertStore.open(database);
  const apiKeys = await SqlApiKeyStore.open(database);
  const cases = await SqlCaseStore.open(database);
  const feedbackLog = await SqlFeedbackLog.open(database);
  const caseConclusions = {
    negative: config['data.negativeValue'],
    positives: config['data.positiveValues'],
  };
  const pipelines = serverPipelines(config, database, databaseUrl, {
    ...options.pipelines,
    ...(options.logger ? { warn: (line: string) => options.logger?.warn(line) } : {}),
  });
  await database.close();
  const verifier = callerVerifierOf(config, apiKeys);
  const alerts = alertServiceDeps(config, alertStore, {
    webhook: (url) => new WebhookNotifier(url),
    ...(options.logger ? { log: (line: string) => options.logger?.warn(line) } : {}),
  });
  const artifacts = openArtifacts(artifactRoot);
  const auditLog = await openAuditLog(databaseUrl);
  const log = options.logger;
  let metrics: ScoringMetrics | undefined;
  const audit = config['audit.enabled']
    ? await openServerAudit(config, resolve(options.cwd, config.home), databaseUrl, {
        ...(options.primaryAudit ? { primary: options.primaryAudit } : {}),
        onProblem: (problem) => log?.error(problem),
      })
    : undefined;
  const models = new ServingModels(
    { registry, openArtifacts },
    {
      modelName: config['model.name'],
      pollMs: config['scoring.pollSeconds'] * 1000,
      followChallenger: config['scoring.shadowChallenger'],
      onEvent: (event) => {
        if (event.kind === 'loaded') {
          metrics?.modelLoadSeconds.set(
            { model_name: event.model.name, model_version: event.model.version },
            event.model.loadSeconds,
          );
          log?.info(
            {
              model: event.model.name,
              version: event.model.version,
              role: event.role,
              seconds: event.model.loadSeconds,
            },
            'model loaded',
          );
        } else if (event.kind === 'swapped') {
          metrics?.modelSwaps.inc({ role: event.role });
          log?.info({ from: event.from, to: event.to, role: event.role }, 'model swapped');
        } else {
          metrics?.modelLoadFailures.inc();
          log?.error({ model: event.ref, err: event.error }, 'model not loaded');
        }
      },
    },
  );
  metrics = new ScoringMetrics(
    () => audit?.recorder,
    () => audit?.writerStatus(),
    () => models.current,
  );
  const served = new ServiceStatsRecorder(metrics, `${hostname()}:${process.pid}`, Date.now);
  const recordServed = async () => {
    const interval = served.take();
    if (interval)
      await serviceStats
        .append(interval)
        .catch((error) => log?.warn({ err: error }, 'service statistics not recorded'));
  };
  const servedTimer = setInterval(recordServed, SERVICE_STATS_INTERVAL_MS);
  servedTimer.unref();
  registerModelQualityGauges(metrics.registry, () =>
    monitoringSnapshot({
      registry,
      tracking,
      auditLog,
      quality,
      alerts: alertStore,
      rules: alerts.rules,
      modelName: config['model.name'],
    }),
  );
  const service = new ScoringService({
    models,
    ...(audit ? { audit: audit.recorder } : {}),
    maxRows: config['scoring.maxRows'],
    onShadow: (shadow) => {
      if (shadow.scores) {
        metrics?.shadowScores.inc({ model_version: shadow.model.version }, shadow.scores.length);
        log?.info(
          { reqId: shadow.requestId, challenger: shadow.model.version, scores: Array.from(shadow.scores) },
          'shadow scores',
        );
      } else
        log?.warn(
          { reqId: shadow.requestId, challenger: shadow.model.version, err: shadow.error },
          'shadow scoring failed',
        );
    },
  });
  await models.start();
  // On PostgreSQL, an alias moved by any process is followed at once; polling stays the fallback.
  const registryListener = /^postgres(ql)?:\/\//i.test(databaseUrl)
    ? await listenRegistryChanges(
        databaseUrl,
        (model) => {
          if (model === config['model.name']) models.poll().catch(() => {});
        },
        (error) =>
          log?.warn({ err: error }, 'registry notifications lost; following the registry by polling'),
      ).catch((error: Error) => {
        log?.warn({ err: error }, 'registry notifications unavailable; following the registry by polling');
        return undefined;
      })
    : undefined;
  if (!models.current)
    log?.warn(
      { model: config['model.name'] },
      await noProductionHint(registry, config['model.name']).catch(
        (error: Error) => `no version of ${config['model.name']} is in production (${error.message})`,
      ),
    );
  const app = await buildScoringApp({
    hardening,
    service,
    metrics,
    auditLog,
    feedbackLog,
    // Feedback on a case scored a moment ago has the spool written to the store first.
    ...(audit ? { drainAudit: () => audit.drain(), auditTrouble: () => auditTroubleOf(audit) } : {}),
    ...(options.clusterMetrics ? { metricsText: options.clusterMetrics(metrics.registry) } : {}),
    auth: {
      ...(verifier ? { verifier } : {}),
      scoringNeedsKey: config['auth.scoringNeedsKey'],
      metricsNeedsKey: config['auth.metricsNeedsKey'],
    },
    negativeValue: config['data.negativeValue'],
    cases: { store: cases, conclusions: caseConclusions },
    bodyLimit: config['scoring.bodyLimitBytes'],
    version: options.version,
    ...(log ? { logger: log } : {}),
    ...(options.draining ? { draining: options.draining } : {}),
  });
  // The tracking and registry APIs beside scoring: MLflow's REST API for its clients, and amlops' own for the UI.
  await app.register(mlflowApi, { tracking, registry, artifacts });
  await app.register(platformApi, {
    stores: { tracking, registry, artifacts },
    auditLog,
    feedbackLog,
    quality,
    alerts,
    serviceStats,
    pipelines,
    explainCase: (scored) => service.explainCase(scored),
    cases,
    caseSettings: {
      conclusions: caseConclusions,
      modelName: config['model.name'],
      capacityPerDay: config['cases.capacityPerDay'],
      dailyVolume: config['cases.dailyVolume'],
    },
  });
  registerWebUiRoutes(app, readWebUiFiles(options.webRoot ?? DEFAULT_WEB_ROOT));
  return {
    app,
    models,
    audit,
    auditLog,
    feedbackLog,
    metrics,
    routeAccess: app.routeAccess,
    flushServiceStats: recordServed,
    async close() {
      clearInterval(servedTimer);
      await recordServed();
      await registryListener?.close();
      await models.close();
      await audit?.close();
      await registry.close();
      await tracking.close();
      await quality.close();
      await serviceStats.close();
      await alertStore.close();
      await apiKeys.close();
      await cases.close();
      await feedbackLog.close();
      await pipelines.close();
      await auditLog.close();
    },
  };
}

/** Why the audit records do not reach the store now, as `/readyz` says it; undefined when they do. */
function auditTroubleOf(audit: ServerAudit): string | undefined {
  const status = audit.writerStatus();
  if (!status?.storeError) return undefined;
  const mb = (status.backlogBytes / 2 ** 20).toFixed(1);
  return `the store does not take the audit records (${status.storeError}): ${mb} MB of answered cases wait in the spool and reach it once it is back`;
}

/**
 * How to open a version's artifact location. The S3 client (tens of MB per process) is loaded only
 * when artifacts live on S3: versions' sources always lie under the artifact root.
 */
async function artifactOpener(artifactRoot: string): Promise<(uri: string) => ArtifactStore> {
  if (parseArtifactUri(artifactRoot).scheme === 's3') {
    const { openArtifactStore } = await import('../adapters/artifacts/open-artifact-store.js');
    return (uri) => openArtifactStore(uri);
  }
  return (uri) => {
    const parsed = parseArtifactUri(uri);
    if (parsed.scheme !== 'file' && parsed.scheme !== '')
      throw new AmlopsError(
        'ARTIFACT_PATH_INVALID',
        `${uri} is not under the local artifact root ${artifactRoot}`,
      );
    return new LocalArtifactStore(parsed.path);
  };
}
