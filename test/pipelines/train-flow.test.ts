import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { readTable } from '../../src/adapters/data/read-table.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { openSqlStores, type SqlStores } from '../../src/adapters/sql/index.js';
import { resolveConfig } from '../../src/config/index.js';
import type { StepRecord } from '../../src/core/pipeline-runs/index.js';
import { inProcessExecutor } from '../../src/core/search/index.js';
import { generateCases } from '../../src/core/synthetic/index.js';
import type { FlowRecorder } from '../../src/pipelines/flow-recorder.js';
import { runFlow } from '../../src/pipelines/run-flow.js';
import { TRAIN_STEPS, trainFlow } from '../../src/pipelines/train/train-flow.js';
import type { TrainFlowDeps } from '../../src/pipelines/train/train-flow-deps.js';
import { artifactsAt } from '../../src/services/artifacts-at.js';

const dir = mkdtempSync(join(tmpdir(), 'amlops-train-flow-'));
let stores: SqlStores;
let deps: TrainFlowDeps;

function recorder() {
  const steps: StepRecord[] = [];
  const rec: FlowRecorder = {
    runState: async () => {},
    step: async (record) => void steps.push(record),
    log: async () => {},
  };
  return { rec, steps };
}

beforeAll(async () => {
  const generated = generateCases({ rows: 6000, seed: 5 });
  await writeTable(join(dir, 'cases.csv'), generated.frame);
  const artifacts = openArtifactStore(pathToFileURL(join(dir, 'artifacts')).href);
  stores = await openSqlStores(`sqlite:${join(dir, 'amlops.db')}`, {
    artifactRoot: artifacts.rootUri,
    openArtifacts: (uri) => openArtifactStore(uri),
  });
  deps = {
    config: resolveConfig({ env: { AMLOPS_ALERTS_MIN_TEST_ROC_AUC: '0.5' } }).config,
    readTable,
    tracking: stores.tracking,
    registry: stores.registry,
    quality: stores.quality,
    openArtifacts: (uri) => artifactsAt(artifacts, uri),
    searchExecutor: inProcessExecutor,
    clock: () => performance.now() / 1000,
    now: Date.now,
  };
});

afterAll(async () => {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the training flow', () => {
  it('trains the original grid, records the run, registers and promotes a first version', async () => {
    const r = recorder();
    const result = await runFlow(
      trainFlow(deps, { data: [join(dir, 'cases.csv')], preset: 'original', seed: 42, budgetSeconds: 60 }),
      { recorder: r.rec },
    );
    expect(result.error).toBeUndefined();
    expect(result.state).toBe('Completed');
    expect(r.steps.filter((s) => s.state === 'Completed').map((s) => s.name)).toEqual([...TRAIN_STEPS]);
    const search = result.outputs.search as { candidates: unknown[]; folds: number };
    expect(search.candidates).toHaveLength(16);
    expect(search.folds).toBe(5);
    const metrics = (result.outputs.evaluate as { metrics: Record<string, number> }).metrics;
    expect(metrics.test_roc_auc).toBeGreaterThan(0.75);
    expect(metrics.test_rows).toBe(1800);

    const { runId, artifactUri } = result.outputs.log as { runId: string; artifactUri: string };
    const run = await stores.tracking.getRun(runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.endTime).toBeGreaterThan(0);
    expect(run.data.params.find((p) => p.key === 'preset')?.value).toBe('original');
    expect(run.data.metrics.find((m) => m.key === 'test_roc_auc')?.value).toBeCloseTo(
      metrics.test_roc_auc!,
      12,
    );
    const promote = result.outputs.promote as {
      promoted: boolean;
      aliases: string[];
      stage: string;
      reason: string;
    };
    expect(promote.promoted).toBe(true);
    expect(promote.aliases).toContain('production');
    expect(promote.stage).toBe('Production');
    const version = await stores.registry.getVersionByAlias('consumers-laundering-model', 'production');
    expect(version.status).toBe('READY');
    expect(version.runId).toBe(runId);
    const card = readFileSync(new URL(`${artifactUri}/model-card.md`), 'utf8');
    expect(card).toContain('Promoted to production');
  });

  it('keeps a worse model as challenger, with the reason', async () => {
    const r = recorder();
    const result = await runFlow(
      trainFlow(deps, {
        data: [join(dir, 'cases.csv')],
        preset: 'original',
        params: { n_estimators: 1, max_depth: 1 },
        seed: 42,
        budgetSeconds: 60,
      }),
      { recorder: r.rec },
    );
    expect(result.state).toBe('Completed');
    const promote = result.outputs.promote as { promoted: boolean; aliases: string[]; reason: string };
    expect(promote.promoted).toBe(false);
    expect(promote.aliases).toEqual(['challenger']);
    expect(promote.reason).toContain('worse than production');
    const production = await stores.registry.getVersionByAlias('consumers-laundering-model', 'production');
    expect(production.version).toBe('1');
  });

  it('fails at validate on bad data and registers nothing', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, 'bad.csv'),
      'total_income_dollar_amount,total_outcome_dollar_amount,risk_pld,conclusion\n1,2,LOW,CLOSED_NO_ROI\n3,abc,HIGH,CLOSED_NO_ROI\n',
    );
    const before = (await stores.registry.searchModelVersions({})).items.length;
    const result = await runFlow(
      trainFlow(deps, { data: [join(dir, 'bad.csv')], preset: 'original', seed: 42, budgetSeconds: 60 }),
      { recorder: recorder().rec },
    );
    expect(result.state).toBe('Failed');
    expect(result.failedStep).toBe('validate');
    expect(result.error?.code).toBe('DATA_INVALID');
    expect(result.error?.message).toContain('NON_NUMERIC_VALUE');
    expect((await stores.registry.searchModelVersions({})).items.length).toBe(before);
  });
});
