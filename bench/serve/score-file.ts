/**
 * `amlops score` on a large CSV beside the reference's batch `predict_proba`
 * (npx tsx bench/serve/score-file.ts [--rows 1000000]): the same generated cases, the original's
 * largest model on each side; prints both timings.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { writeTable } from '../../src/adapters/data/write-table.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { memoryIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { fitFeaturePipeline } from '../../src/core/features/fit-feature-pipeline.js';
import { transformFeatures } from '../../src/core/features/transform-features.js';
import { trainBooster } from '../../src/core/gbdt/train-booster.js';
import { MODEL_BUNDLE_FORMAT } from '../../src/core/model/model-bundle.js';
import { generateCases } from '../../src/core/synthetic/generate-cases.js';
import { COMMANDS } from '../../src/main/commands.js';
import { registerModelBundle } from '../../src/services/register-model-bundle.js';

const ANCHOR = resolve(import.meta.dirname, '../../../shared/anchor');
const NUMERIC = ['total_outcome_dollar_amount', 'total_income_dollar_amount'];
const at = process.argv.indexOf('--rows');
const rows = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
const dir = await mkdtemp(join(tmpdir(), 'amlops-bench-score-'));
const train = generateCases({ rows: 10_000, seed: 1 });
await writeTable(join(dir, 'train.csv'), train.frame);
const ref = spawnSync('/usr/bin/python3', [
  join(ANCHOR, 'train.py'),
  '--data',
  join(dir, 'train.csv'),
  '--preset',
  'original',
  '--save',
  join(dir, 'ref.pkl'),
]);
if (ref.status !== 0) throw new Error(String(ref.stderr));
const features = fitFeaturePipeline(train.frame, {
  numericColumns: NUMERIC,
  categoricalColumns: ['risk_pld'],
  missing: { strategy: 'fill', value: 0 },
});
const { booster } = trainBooster(
  transformFeatures(train.frame, features).matrix,
  Float32Array.from(train.label),
  { n_estimators: 10, max_depth: 5 },
);
const home = join(dir, 'home');
const artifactRoot = pathToFileURL(join(home, 'artifacts')).href;
const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
  artifactRoot,
  openArtifacts: openArtifactStore,
});
const version = await registerModelBundle(
  { registry: stores.registry, openArtifacts: openArtifactStore },
  {
    name: 'consumers-laundering-model',
    source: `${artifactRoot}/models/1`,
    bundle: {
      format: MODEL_BUNDLE_FORMAT,
      inputSchema: { numeric: NUMERIC, categorical: ['risk_pld'] },
      features,
      booster,
    },
  },
);
await stores.registry.setAlias('consumers-laundering-model', 'production', version.version);
await stores.close();
await writeTable(join(dir, 'cases.csv'), generateCases({ rows, seed: 2 }).frame);
const io = memoryIo({ cwd: dir });
const started = performance.now();
const code = await runCli(
  ['node', 'amlops', 'score', '--input', 'cases.csv', '--output', 'scored.csv', '--home', home, '--json'],
  io,
  COMMANDS,
  'bench',
);
const ours = (performance.now() - started) / 1000;
if (code !== 0) throw new Error(io.err.join(''));
const summary = JSON.parse(io.out.join(''));
const batch = spawnSync(
  '/usr/bin/python3',
  [join(ANCHOR, 'batch.py'), join(dir, 'ref.pkl'), join(dir, 'cases.csv')],
  { cwd: ANCHOR, encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } },
);
const reference = JSON.parse(batch.stdout.trim().split('\n').at(-1)!);
process.stdout.write(
  `amlops score: ${rows} rows read, scored and written in ${ours.toFixed(2)} s; scoring ${summary.scoringRowsPerSecond} rows/s\n` +
    `reference predict_proba: ${reference.predict_s.toFixed(2)} s (${Math.round(reference.rows_per_s)} rows/s), reading ${reference.load_s.toFixed(2)} s\n`,
);
