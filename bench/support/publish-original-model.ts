import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openArtifactStore } from '../../src/adapters/artifacts/index.js';
import { openSqlStores } from '../../src/adapters/sql/index.js';
import { fitFeaturePipeline } from '../../src/core/features/fit-feature-pipeline.js';
import { transformFeatures } from '../../src/core/features/transform-features.js';
import type { Frame } from '../../src/core/frame/frame.js';
import { trainBooster } from '../../src/core/gbdt/train-booster.js';
import { MODEL_BUNDLE_FORMAT } from '../../src/core/model/model-bundle.js';
import { registerModelBundle } from '../../src/services/register-model-bundle.js';

export const MODEL = 'consumers-laundering-model';

/** One case in the original's columnar body: the scoring benchmarks' request and the model's input example. */
export const ONE_CASE = {
  total_outcome_dollar_amount: [2109.19],
  total_income_dollar_amount: [1305.06],
  risk_pld: ['HIGH'],
};
const NUMERIC = ['total_outcome_dollar_amount', 'total_income_dollar_amount'];

/**
 * Trains the original's largest model (10 trees of depth 5, missing amounts filled with 0 as the
 * original did) on `frame`, registers it in an embedded store at `home` and makes it the
 * production version: what the scoring benchmarks serve.
 *
 * @example
 * await publishOriginalModel(cases.frame, cases.label, join(dir, 'home'));
 */
export async function publishOriginalModel(
  frame: Frame,
  labels: ArrayLike<number>,
  home: string,
  inputExample?: Record<string, readonly unknown[]>,
): Promise<void> {
  const features = fitFeaturePipeline(frame, {
    numericColumns: NUMERIC,
    categoricalColumns: ['risk_pld'],
    missing: { strategy: 'fill', value: 0 },
  });
  const { booster } = trainBooster(transformFeatures(frame, features).matrix, Float32Array.from(labels), {
    n_estimators: 10,
    max_depth: 5,
  });
  const artifactRoot = pathToFileURL(join(home, 'artifacts')).href;
  const stores = await openSqlStores(`sqlite:${join(home, 'amlops.db')}`, {
    artifactRoot,
    openArtifacts: openArtifactStore,
  });
  try {
    const version = await registerModelBundle(
      { registry: stores.registry, openArtifacts: openArtifactStore },
      {
        name: MODEL,
        source: `${artifactRoot}/models/1`,
        bundle: {
          format: MODEL_BUNDLE_FORMAT,
          inputSchema: { numeric: NUMERIC, categorical: ['risk_pld'] },
          features,
          booster,
        },
        ...(inputExample ? { inputExample } : {}),
      },
    );
    await stores.registry.setAlias(MODEL, 'production', version.version);
  } finally {
    await stores.close();
  }
}
