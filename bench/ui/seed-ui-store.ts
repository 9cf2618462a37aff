/**
 * The store the web UI benchmark loads its pages on: the embedded (SQLite) store of an amlops home
 * holding `runs` tracking runs, `versions` model versions and `cases` audited scored cases. One
 * model is trained by the train flow (so that its run has a real evaluation, model card and quality
 * report); the other runs, versions and cases are written straight through the stores, shaped as
 * the train flow and the scoring server write theirs. Seeded once per set of sizes and kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArtifactStore } from '../../src/adapters/artifacts/open-artifact-store.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { openAuditLog } from '../../src/adapters/sql/audit-open-log.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { artifactRootOf, type Config, databaseUrlOf, resolveConfig } from '../../src/config/index.js';
import type { NumericColumn } from '../../src/core/frame/column.js';
import { BUNDLE_PATHS, bundleFromFiles } from '../../src/core/model/index.js';
import type { ModelBundle } from '../../src/core/model/model-bundle.js';
import { scoreFrame } from '../../src/core/model/score-frame.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import type { Metric } from '../../src/core/tracking/index.js';
import { processFlows } from '../../src/main/process-flows.js';
import { openPipelines } from '../../src/main/worker.js';
import { startPipelineRun } from '../../src/pipelines/start-pipeline-run.js';
import type { ScoredCase } from '../../src/ports/audit-log.js';
import { promoteModelVersion } from '../../src/services/promote-model-version.js';
import { registerModelBundle } from '../../src/services/register-model-bundle.js';
import { trainTestBundle } from '../../test/scoring/scoring-test-kit.js';

/** What is in the store. */
export interface UiStoreSizes {
  readonly runs: number;
  readonly versions: number;
  readonly cases: number;
}

/** What the benchmark needs to know about the seeded store to name its pages. */
export interface SeededUiStore {
  readonly home: string;
  readonly sizes: UiStoreSizes;
  readonly model: string;
  readonly productionVersion: string;
  /** The run the train flow made (real evaluation and quality report). */
  readonly trainedRunId: string;
  /** A seeded run to compare the trained one with. */
  readonly otherRunId: string;
  readonly qualityReportId: string;
  readonly pipelineRunId: string;
  /** The newest audited case. */
  readonly caseRef: { readonly requestId: string; readonly row: number };
  readonly seededAt: string;
  readonly seedSeconds: number;
}

/** Bumped when what the seed writes changes, so that an older cached store is not reused. */
const SEED_FORMAT = 1;
const DAY_MS = 86_400_000;
const CASE_BATCH = 10_000;
const ROWS_PER_REQUEST = 20;
const MANIFEST = 'seeded.json';

/** The configuration of the home at `home`, as `amlops up` would resolve it there. */
export function uiStoreConfig(home: string): Config {
  return resolveConfig({ env: { AMLOPS_HOME: home, AMLOPS_LOG_LEVEL: 'silent' } }).config;
}

/**
 * The seeded store for `sizes`, under the system's temporary folder (`amlops-bench-ui-<hash>`):
 * reused when a complete one is there, else seeded afresh.
 *
 * @example
 * const store = await seededUiStore({ runs: 1000, versions: 50, cases: 1_000_000 });
 */
export async function seededUiStore(
  sizes: UiStoreSizes,
  log: (line: string) => void,
): Promise<{ store: SeededUiStore; reused: boolean }> {
  const hash = createHash('sha256')
    .update(JSON.stringify({ SEED_FORMAT, ...sizes }))
    .digest('hex')
    .slice(0, 12);
  const home = join(tmpdir(), `amlops-bench-ui-${hash}`);
  const manifest = join(home, MANIFEST);
  if (existsSync(manifest))
    return { store: JSON.parse(readFileSync(manifest, 'utf8')) as SeededUiStore, reused: true };
  // A seed cut short leaves no manifest: start again.
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  log(`seeding ${home}: ${sizes.runs} runs, ${sizes.versions} versions, ${sizes.cases} cases`);
  const started = performance.now();
  const store = await seed(home, sizes, log);
  const seeded: SeededUiStore = { ...store, seedSeconds: (performance.now() - started) / 1000 };
  writeFileSync(manifest, `${JSON.stringify(seeded, null, 2)}\n`);
  return { store: seeded, reused: false };
}

async function seed(
  home: string,
  sizes: UiStoreSizes,
  log: (line: string) => void,
): Promise<Omit<SeededUiStore, 'seedSeconds'>> {
  const config = uiStoreConfig(home);
  const model = config['model.name'];
  const now = Date.now();
  const trained = await trainOneModel(config, home);
  log(`trained ${model} v1 by the train flow (run ${trained.runId})`);

  const stores = await openSqlStores(databaseUrlOf(config, home), {
    artifactRoot: artifactRootOf(config, home),
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const { tracking, registry } = stores;
  const template = await tracking.getRun(trained.runId);
  const experimentId = template.info.experimentId;
  const seededRuns: { runId: string; artifactUri: string }[] = [];
  const presets = ['original', 'fast', 'thorough'];
  const runCount = Math.max(0, sizes.runs - 1);
  for (let i = 0; i < runCount; i++) {
    // Oldest first, spread over the last 180 days, all before the trained run.
    const startTime = now - 180 * DAY_MS + Math.floor((i / Math.max(1, runCount)) * 179 * DAY_MS);
    const preset = presets[i % presets.length]!;
    const run = await tracking.createRun({
      experimentId,
      runName: `train-${preset}-${new Date(startTime).toISOString()}`,
      startTime,
      userId: i % 4 === 0 ? 'alice' : 'pipeline:train',
      tags: [
        { key: 'mlflow.source.name', value: 'amlops train' },
        { key: 'amlops.flow', value: 'train' },
        { key: 'amlops.preset', value: preset },
      ],
    });
    const params = template.data.params.map((p) => ({ key: p.key, value: variedParam(p.key, p.value, i) }));
    const metrics: Metric[] = template.data.metrics.map((m) => ({
      key: m.key,
      value: variedMetric(m.key, m.value, i),
      timestamp: startTime + 60_000,
      step: 0,
    }));
    await tracking.logBatch(run.info.runId, { params, metrics });
    await tracking.updateRun(run.info.runId, {
      status: 'FINISHED',
      endTime: startTime + 120_000 + (i % 17) * 60_000,
    });
    seededRuns.push({ runId: run.info.runId, artifactUri: run.info.artifactUri });
  }
  log(`seeded ${runCount} more runs`);

  // Versions 2.. are registered from the newest seeded runs, each a small real model.
  const registeredRuns = seededRuns.slice(Math.max(0, seededRuns.length - (sizes.versions - 1)));
  let production = '1';
  let productionBundle = trained.bundle;
  for (const [i, run] of registeredRuns.entries()) {
    const bundle = trainTestBundle({ seed: 100 + i, trees: 20 });
    const version = await registerModelBundle(
      { registry, openArtifacts: (uri) => openArtifactStore(uri) },
      {
        name: model,
        source: run.artifactUri,
        bundle,
        runId: run.runId,
        description: `trained by amlops train (seeded by bench/ui, ${i})`,
      },
    );
    await tracking.setTag(run.runId, { key: 'amlops.model_version', value: version.version });
    await registry.setModelVersionTag(model, version.version, { key: 'amlops.gate', value: 'passed' });
    production = version.version;
    productionBundle = bundle;
  }
  if (production !== '1')
    await promoteModelVersion(registry, {
      name: model,
      version: production,
      by: 'alice',
      reason: 'the newest version, better on last month’s cases',
    });
  log(`registered ${registeredRuns.length} more versions; v${production} in production`);
  await stores.close();

  const caseRef = await auditCases(config, home, model, production, productionBundle, sizes.cases, now, log);
  const reopened = await openSqlStores(databaseUrlOf(config, home), {
    artifactRoot: artifactRootOf(config, home),
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  const report = (await reopened.quality.listReports({ runId: trained.runId })).items[0];
  await reopened.close();
  return {
    home,
    sizes,
    model,
    productionVersion: production,
    trainedRunId: trained.runId,
    otherRunId: seededRuns.at(-1)?.runId ?? trained.runId,
    qualityReportId: report?.id ?? '',
    pipelineRunId: trained.pipelineRunId,
    caseRef,
    seededAt: new Date(now).toISOString(),
  };
}

/** Trains one model with the product's train flow on generated cases, promoted to production. */
async function trainOneModel(
  config: Config,
  home: string,
): Promise<{ runId: string; pipelineRunId: string; bundle: ModelBundle }> {
  const flows = processFlows(config, home);
  const pipelines = await openPipelines(config, {
    cwd: home,
    flows: flows.flows,
    queue: 'none',
    warn: () => {},
  });
  try {
    const data = join(home, 'cases-train.csv');
    await writeTable(data, generateCases({ rows: 6000, seed: 41 }).frame);
    const { run, result } = await startPipelineRun(pipelines.deps, 'train', {
      data,
      preset: 'original',
      promote: true,
    });
    const outcome = result as unknown as {
      state: string;
      outputs: Record<string, unknown>;
      error?: { message: string };
    };
    if (outcome.state !== 'Completed')
      throw new Error(`the train flow ended ${outcome.state}: ${outcome.error?.message}`);
    const logged = outcome.outputs.log as { runId: string; artifactUri: string };
    const files = openArtifactStore(logged.artifactUri);
    const texts = new Map<string, string>();
    for (const path of Object.values(BUNDLE_PATHS))
      if (await files.exists(path)) texts.set(path, new TextDecoder().decode(await files.get(path)));
    return { runId: logged.runId, pipelineRunId: run.id, bundle: bundleFromFiles((path) => texts.get(path)) };
  } finally {
    await pipelines.close();
    await flows.close();
  }
}

/**
 * Appends `count` scored cases as the scoring server records them: requests of 20 cases, scored by
 * the production version over the last 30 days (oldest first, as they reach the store), appended in
 * batches of 10,000.
 */
async function auditCases(
  config: Config,
  home: string,
  model: string,
  version: string,
  bundle: ModelBundle,
  count: number,
  now: number,
  log: (line: string) => void,
): Promise<{ requestId: string; row: number }> {
  const audit = await openAuditLog(databaseUrlOf(config, home));
  const started = performance.now();
  let last = { requestId: '', row: 0 };
  try {
    const generated = generateCases({ rows: Math.max(1, count), seed: 5 }).frame;
    const scores = scoreFrame(bundle, generated);
    const income = (generated.get('total_income_dollar_amount') as NumericColumn).values;
    const outcome = (generated.get('total_outcome_dollar_amount') as NumericColumn).values;
    const risk = generated.get('risk_pld')!;
    const riskOf = (i: number): string | null =>
      risk.kind === 'categorical' ? (risk.codes[i]! < 0 ? null : risk.categories[risk.codes[i]!]!) : null;
    const amount = (v: number) => (Number.isNaN(v) ? null : v);
    const span = 30 * DAY_MS;
    let requestId = '';
    let requestTime = 0;
    for (let from = 0; from < count; from += CASE_BATCH) {
      const batch: ScoredCase[] = [];
      for (let i = from; i < Math.min(count, from + CASE_BATCH); i++) {
        const row = i % ROWS_PER_REQUEST;
        if (row === 0) {
          requestTime = now - span + Math.floor((i / count) * span);
          requestId = uuidV7(requestTime);
        }
        const g = i;
        batch.push({
          requestId,
          row,
          caseId: `C${String(i).padStart(8, '0')}`,
          modelName: model,
          modelVersion: version,
          inputs: {
            total_income_dollar_amount: amount(income[g]!),
            total_outcome_dollar_amount: amount(outcome[g]!),
            risk_pld: riskOf(g),
          },
          score: scores[g]!,
          time: requestTime,
          caller: '',
          clientRequestId: null,
        });
      }
      await audit.append(batch);
      last = { requestId: batch.at(-1)!.requestId, row: batch.at(-1)!.row };
    }
  } finally {
    await audit.close();
  }
  log(`audited ${count} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return last;
}

/** A UUID v7 for a request scored at `time`, as the server makes them. */
function uuidV7(time: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(time, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A search's parameters vary from run to run; the rest (data, split) stays. */
function variedParam(key: string, value: string, i: number): string {
  if (key === 'max_depth') return String(3 + (i % 6));
  if (key === 'learning_rate') return String([0.03, 0.05, 0.1, 0.2][i % 4]);
  if (key === 'n_estimators') return String(100 + (i % 5) * 100);
  if (key === 'seed') return String(i);
  return value;
}

/** Metrics near the trained run's: AUCs and rates moved a little, within [0, 1]. */
function variedMetric(key: string, value: number, i: number): number {
  const wobble = (((i * 7919) % 1000) / 1000 - 0.5) * 0.04;
  const moved = value + wobble * (Math.abs(value) > 1 ? value : 1);
  return /auc|precision|recall|rate|threshold|brier|accuracy|f1/.test(key)
    ? Math.min(1, Math.max(0, moved))
    : moved;
}
