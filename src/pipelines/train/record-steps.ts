import { AmlopsError } from '../../core/errors/index.js';
import { rocAuc } from '../../core/evaluate/roc-auc.js';
import type { SegmentReport } from '../../core/evaluate/segment-report.js';
import type { Frame } from '../../core/frame/index.js';
import { BUNDLE_PATHS, bundleFromFiles, bundleToFiles } from '../../core/model/index.js';
import { type ModelCard, modelCardCaveats, renderModelCard } from '../../core/model/model-card.js';
import { scoreFrame } from '../../core/model/score-frame.js';
import { decidePromotion } from '../../core/promotion/decide-promotion.js';
import { renderQualityHtml } from '../../core/quality/html/render-quality-html.js';
import type { QualityReport } from '../../core/quality/quality-report.js';
import { MODEL_VERSION_SEARCH_SCHEMA, parseSearchFilter } from '../../core/tracking/index.js';
import { deliverAlerts, evaluateAlerts } from '../../services/alert-service.js';
import type { Observation } from '../../services/live-observations.js';
import { metricsSummaryRow } from '../../services/metrics-summary-row.js';
import { productionVersion } from '../../services/production-version.js';
import { promoteModelVersion } from '../../services/promote-model-version.js';
import { CHALLENGER_ALIAS, PROMOTION_TAGS } from '../../services/promotion-tags.js';
import { registerModelBundle } from '../../services/register-model-bundle.js';
import type { FlowStep, StepContext } from '../flow-step.js';
import { ensureSplit } from './data-steps.js';
import { newVersionThreshold } from './new-version-threshold.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';
import type { TrainScratch } from './train-scratch.js';
import { TRAINING_CASES, trainingCasesCsv } from './training-cases-artifact.js';
import { QUALITY_PATHS, trainingQuality } from './training-quality.js';
import { trainingSource } from './training-source.js';

/** A few input rows in the `/predict` columnar shape, stored with the model to verify it after loading. */
function inputExample(frame: Frame, columns: readonly string[], rows = 5): Record<string, unknown[]> {
  const example: Record<string, unknown[]> = {};
  const n = Math.min(rows, frame.rowCount);
  for (const name of columns) {
    const column = frame.get(name);
    if (!column) continue;
    const values: unknown[] = [];
    for (let i = 0; i < n; i++) {
      if (column.kind === 'numeric') values.push(Number.isNaN(column.values[i]!) ? null : column.values[i]);
      else if (column.kind === 'categorical')
        values.push(column.codes[i]! < 0 ? null : column.categories[column.codes[i]!]);
      else values.push(column.values[i]);
    }
    example[name] = values;
  }
  return example;
}

const PARAM_VALUE_LIMIT = 6000;

/**
 * The record steps: `quality` summarises both splits, `log` records the run (params, metrics, the
 * evaluation, the search and the model files) in the tracking store, `register` makes the model a
 * READY version, and `promote` applies the promotion gate and records the decision with its
 * evidence, and `alerts` evaluates the rules on training metrics (the original's: test ROC AUC
 * below 0.89) for the new version. With `dryRun`, nothing is recorded or registered; the decision
 * is still computed.
 */
export function recordSteps(
  deps: TrainFlowDeps,
  params: TrainFlowParams,
  scratch: TrainScratch,
  dataSteps: FlowStep[],
): FlowStep[] {
  const name = deps.config['model.name'];
  const columns = [...deps.config['data.numericColumns'], ...deps.config['data.categoricalColumns']];

  let sample: ReturnType<typeof trainingQuality>['sample'] | undefined;
  const quality = async (): Promise<QualityReport> => {
    await ensureSplit(dataSteps, scratch);
    const computed = trainingQuality(deps, scratch);
    sample = computed.sample;
    return computed.report;
  };

  const log = async ({ outputs }: StepContext): Promise<Record<string, unknown>> => {
    if (params.dryRun) return { skipped: 'dry run' };
    const bundle = scratch.bundle;
    if (!bundle) throw new AmlopsError('INVALID_STATE', 'the fit step has not produced a model');
    await ensureSplit(dataSteps, scratch);
    const { tracking } = deps;
    const experimentId =
      (await tracking.getExperimentByName(name))?.experimentId ?? (await tracking.createExperiment({ name }));
    const run = await tracking.createRun({
      experimentId,
      runName: `train-${params.preset}-${new Date(deps.now()).toISOString()}`,
      startTime: deps.now(),
      userId: params.user ?? deps.actor ?? 'pipeline:train',
      tags: [
        { key: 'mlflow.source.name', value: 'amlops train' },
        { key: 'amlops.flow', value: 'train' },
        { key: 'amlops.preset', value: params.preset },
      ],
    });
    const runId = run.info.runId;
    const search = outputs.search as {
      params: Record<string, unknown>;
      best?: { meanAuc: number };
      adaptation?: string;
    };
    const evaluation = outputs.evaluate as { metrics: Record<string, number> };
    const timestamp = deps.now();
    // Where the test data came from: a file of its own, or a stratified split of the data.
    const testSource = params.testData
      ? { split: 'test-file', test_data: params.testData }
      : {
          split: 'stratified',
          test_size: String(deps.config['split.testSize']),
          split_seed: String(deps.config['split.seed']),
        };
    const loggedParams = {
      preset: params.preset,
      ...(search.adaptation ? { preset_adaptation: search.adaptation } : {}),
      seed: String(params.seed),
      data: trainingSource(params),
      ...testSource,
      feature_set: String((outputs.fit as { featureSet: string }).featureSet),
      ...Object.fromEntries(Object.entries(search.params).map(([k, v]) => [k, String(v)])),
    };
    await tracking.logBatch(runId, {
      params: Object.entries(loggedParams).map(([key, value]) => ({
        key,
        value: value.slice(0, PARAM_VALUE_LIMIT),
      })),
      metrics: Object.entries({
        ...evaluation.metrics,
        ...(search.best ? { cv_roc_auc: search.best.meanAuc } : {}),
      }).map(([key, value]) => ({ key, value, timestamp, step: 0 })),
    });
    const files = deps.openArtifacts(run.info.artifactUri);
    const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
    await files.put(
      'evaluation.json',
      json({
        report: scratch.evaluation,
        importance: (outputs.evaluate as { importance: unknown }).importance,
      }),
    );
    await files.put('search.json', json(outputs.search));
    const report = outputs.quality as QualityReport;
    sample ??= trainingQuality(deps, scratch).sample;
    await files.put(QUALITY_PATHS.report, json(report));
    await files.put(QUALITY_PATHS.referenceSample, JSON.stringify(sample));
    const generatedAt = new Date(deps.now()).toISOString();
    await files.put(
      QUALITY_PATHS.html,
      renderQualityHtml(report, {
        title: `Data quality of training run ${runId}`,
        subtitle: `${name}: train split (reference) against test split (current)`,
        generatedAt,
      }),
    );
    await deps.quality.saveReport({
      kind: 'training',
      createdAt: deps.now(),
      modelName: name,
      runId,
      htmlUri: `${run.info.artifactUri.replace(/\/$/, '')}/${QUALITY_PATHS.html}`,
      report,
    });
    for (const [path, text] of Object.entries(bundleToFiles(bundle))) await files.put(path, text);
    await files.put(BUNDLE_PATHS.inputExample, json(inputExample(scratch.test!.frame, columns)));
    const cases = scratch.trainingCases;
    if (cases) {
      // The evidence of which concluded cases the model learned from.
      await files.put(TRAINING_CASES.path, trainingCasesCsv(cases));
      await tracking.setTag(runId, { key: TRAINING_CASES.countTag, value: String(cases.length) });
      await tracking.setTag(runId, {
        key: TRAINING_CASES.sampledTag,
        value: String(cases.filter((c) => c.sampled).length),
      });
    }
    return {
      runId,
      experimentId,
      artifactUri: run.info.artifactUri,
      ...(cases ? { trainingCases: cases.length } : {}),
    };
  };

  const register = async ({ outputs }: StepContext): Promise<Record<string, unknown>> => {
    if (params.dryRun) return { skipped: 'dry run' };
    const logged = outputs.log as { runId: string; artifactUri: string };
    await ensureSplit(dataSteps, scratch);
    const bundle =
      scratch.bundle ??
      (await (async () => {
        const files = deps.openArtifacts(logged.artifactUri);
        const texts = new Map<string, string>();
        for (const path of Object.values(BUNDLE_PATHS))
          if (await files.exists(path)) texts.set(path, new TextDecoder().decode(await files.get(path)));
        return bundleFromFiles((path) => texts.get(path));
      })());
    scratch.bundle = bundle;
    // A retried register step must not make a second version of the same run.
    const existing = (
      await deps.registry.searchModelVersions({
        filter: parseSearchFilter(
          `name = '${name.replace(/'/g, "''")}' and run_id = '${logged.runId}'`,
          MODEL_VERSION_SEARCH_SCHEMA,
        ),
      })
    ).items.find((v) => v.status === 'READY');
    if (existing)
      return {
        name,
        version: existing.version,
        alertThreshold: await newVersionThreshold(deps, scratch, existing.version, logged.artifactUri),
      };
    const version = await registerModelBundle(
      { registry: deps.registry, openArtifacts: deps.openArtifacts },
      {
        name,
        source: logged.artifactUri,
        bundle,
        inputExample: inputExample(scratch.test!.frame, columns),
        runId: logged.runId,
        description: `trained by amlops train (preset ${params.preset}, seed ${params.seed})`,
      },
    );
    await deps.tracking.setTag(logged.runId, { key: 'amlops.model_version', value: version.version });
    const metrics = (outputs.evaluate as { metrics: Record<string, number> }).metrics;
    await deps.quality.appendMetricsSummary(
      metricsSummaryRow(outputs.quality as QualityReport, {
        runId: logged.runId,
        version: version.version,
        time: deps.now(),
        trainRocAuc: metrics.train_roc_auc ?? null,
        testRocAuc: metrics.test_roc_auc ?? null,
      }),
    );
    return {
      name,
      version: version.version,
      alertThreshold: await newVersionThreshold(deps, scratch, version.version, logged.artifactUri),
    };
  };

  const promote = async ({ outputs }: StepContext): Promise<Record<string, unknown>> => {
    await ensureSplit(dataSteps, scratch);
    const metrics = (outputs.evaluate as { metrics: Record<string, number> }).metrics;
    const registered = outputs.register as { version?: string };
    const production = params.dryRun ? undefined : await productionVersion(deps.registry, name);
    let productionTestRocAuc: number | null = null;
    if (production && production.version !== registered.version) {
      const files = deps.openArtifacts(production.source);
      const texts = new Map<string, string>();
      for (const path of Object.values(BUNDLE_PATHS))
        if (await files.exists(path)) texts.set(path, new TextDecoder().decode(await files.get(path)));
      const current = bundleFromFiles((path) => texts.get(path));
      productionTestRocAuc = rocAuc(scoreFrame(current, scratch.test!.frame), scratch.test!.labels);
    }
    const gateInput = {
      policy: deps.config['promotion.policy'],
      testRocAuc: metrics.test_roc_auc ?? Number.NaN,
      minTestRocAuc: deps.config['alerts.minTestRocAuc'],
      productionTestRocAuc,
      productionVersion: production?.version ?? null,
      tolerance: deps.config['promotion.tolerance'],
    };
    // What the gate says, recorded on the version whatever a person decides (--promote, --no-promote).
    const gate = decidePromotion(gateInput);
    const decision =
      params.promote === undefined ? gate : decidePromotion({ ...gateInput, override: params.promote });
    const logged = outputs.log as { runId?: string; artifactUri?: string };
    const fit = outputs.fit as {
      featureSet: string;
      features: string[];
      params: Record<string, unknown>;
      trees: number;
    };
    const split = outputs.split as {
      trainRows: number;
      trainPositives: number;
      testRows: number;
      testPositives: number;
    };
    const segments = (outputs.evaluate as { segments?: SegmentReport }).segments;
    const card: ModelCard = {
      model: { name, version: registered.version ?? null, runId: logged.runId ?? null },
      trainedAt: new Date(deps.now()).toISOString(),
      data: { source: trainingSource(params), testSource: params.testData ?? null, ...split },
      training: {
        preset: params.preset,
        ...((outputs.search as { adaptation?: string }).adaptation
          ? { adaptation: (outputs.search as { adaptation: string }).adaptation }
          : {}),
        seed: params.seed,
        ...fit,
      },
      metrics,
      ...(segments ? { segments } : {}),
      promotion: {
        promoted: decision.promote && !params.dryRun,
        reason: params.dryRun ? `dry run; the gate says: ${decision.reason}` : decision.reason,
      },
      caveats: modelCardCaveats(metrics, deps.config['alerts.minTestRocAuc'], segments),
    };
    if (params.dryRun || !registered.version || !logged.runId || !logged.artifactUri)
      return {
        promoted: false,
        reason: card.promotion.reason,
        aliases: [],
        stage: null,
        productionTestRocAuc,
        card,
      };
    await deps.registry.setModelVersionTag(name, registered.version, {
      key: PROMOTION_TAGS.gate,
      value: gate.promote ? 'passed' : 'failed',
    });
    await deps.registry.setModelVersionTag(name, registered.version, {
      key: PROMOTION_TAGS.gateReason,
      value: gate.reason,
    });
    let aliases: string[];
    let stage: string;
    if (decision.promote) {
      const promotion = await promoteModelVersion(
        deps.registry,
        {
          name,
          version: registered.version,
          // The gate's decision is the pipeline's; --promote is the person's who asked for the training.
          by: (params.promote === true ? params.user : undefined) ?? deps.actor ?? 'pipeline:train',
          reason: decision.reason,
          // --promote is a person's decision over the gate, recorded as an override.
          force: params.promote === true,
        },
        deps.now,
      );
      aliases = [...promotion.version.aliases];
      stage = promotion.version.currentStage;
    } else {
      await deps.registry.setAlias(name, CHALLENGER_ALIAS, registered.version);
      await deps.registry.setModelVersionTag(name, registered.version, {
        key: 'amlops.promotion_reason',
        value: decision.reason,
      });
      const version = await deps.registry.getModelVersion(name, registered.version);
      aliases = [...version.aliases];
      stage = version.currentStage;
    }
    const files = deps.openArtifacts(logged.artifactUri);
    await files.put('model-card.md', renderModelCard(card));
    await files.put('model-card.json', `${JSON.stringify(card, null, 2)}\n`);
    await deps.tracking.setTag(logged.runId, { key: 'amlops.promoted', value: String(decision.promote) });
    await deps.tracking.setTag(logged.runId, { key: 'amlops.promotion_reason', value: decision.reason });
    return {
      promoted: decision.promote,
      reason: decision.reason,
      aliases,
      stage,
      gate: gate.promote ? 'passed' : 'failed',
      productionTestRocAuc,
      card,
    };
  };

  const alerts = async ({ outputs }: StepContext): Promise<Record<string, unknown>> => {
    const registered = outputs.register as { version?: string };
    if (params.dryRun || !deps.alerts || !registered.version)
      return { skipped: params.dryRun ? 'dry run' : 'no alert rules' };
    const metrics = (outputs.evaluate as { metrics: Record<string, number> }).metrics;
    const promoted = outputs.promote as { promoted?: boolean };
    const logged = outputs.log as { runId?: string };
    const testRocAuc = metrics.test_roc_auc ?? null;
    const observation: Observation = {
      value: testRocAuc,
      labels: { model: name, version: registered.version },
      detail: `run ${logged.runId}, ${promoted.promoted ? 'promoted' : 'not promoted'}`,
    };
    const observations = new Map(
      deps.alerts.rules.filter((r) => r.metric === 'training.test_roc_auc').map((r) => [r.name, observation]),
    );
    const transitions = await evaluateAlerts(deps.alerts, observations);
    const deliveries = await deliverAlerts(deps.alerts);
    return {
      transitions: transitions.map((t) => ({ rule: t.rule, from: t.from, to: t.to, message: t.message })),
      deliveries,
    };
  };

  return [
    { name: 'quality', run: quality },
    { name: 'log', run: log },
    { name: 'register', run: register },
    { name: 'promote', run: promote },
    { name: 'alerts', run: alerts },
  ];
}
