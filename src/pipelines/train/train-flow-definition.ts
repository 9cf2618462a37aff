import { AmlopsError } from '../../core/errors/index.js';
import { type GbdtParamsInput, resolveParams } from '../../core/gbdt/index.js';
import { searchPreset } from '../../core/search/index.js';
import type { FlowDefinition } from '../flow-definition.js';
import type { FlowStep } from '../flow-step.js';
import { STEP_RETRIES, TRAIN_STEPS, trainFlow } from './train-flow.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';

const KNOWN = new Set([
  'data',
  'testData',
  'preset',
  'params',
  'seed',
  'budgetSeconds',
  'promote',
  'dryRun',
  'user',
  'fromCases',
]);

function invalid(message: string): never {
  throw new AmlopsError('USAGE', `train parameters: ${message}`);
}

/**
 * Checks JSON parameters of the train flow (from the CLI, a queued job or a schedule) and fills the
 * configured defaults; every problem is named.
 *
 * @example
 * trainParams({ data: 'cases.csv' }, config); // { data: ['cases.csv'], preset: 'default', seed: 42, budgetSeconds: 60 }
 */
export function trainParams(
  json: Readonly<Record<string, unknown>>,
  config: TrainFlowDeps['config'],
): TrainFlowParams {
  for (const key of Object.keys(json))
    if (!KNOWN.has(key)) invalid(`unknown parameter '${key}'; known: ${[...KNOWN].join(', ')}`);
  const { data, testData, preset, params, seed, budgetSeconds, promote, dryRun, user, fromCases } = json;
  const cases = fromCasesParam(fromCases);
  const files = dataFiles(data, cases !== undefined);
  if (testData !== undefined && (typeof testData !== 'string' || testData === ''))
    invalid("'testData' must be a file name");
  const presetName = preset ?? config['training.preset'];
  if (typeof presetName !== 'string') invalid("'preset' must be a string");
  searchPreset(presetName);
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params)))
    invalid("'params' must be a JSON object of XGBoost parameters");
  // Checked before the run starts, not at `fit` after the data is loaded: MODEL_PARAM_INVALID names the parameter.
  if (params !== undefined) resolveParams(params as GbdtParamsInput);
  const seedValue = seed ?? config['training.seed'];
  if (typeof seedValue !== 'number' || !Number.isInteger(seedValue) || seedValue < 0)
    invalid(`'seed' must be a non-negative integer; got ${JSON.stringify(seed)}`);
  const budget = budgetSeconds ?? config['training.budgetSeconds'];
  if (typeof budget !== 'number' || !(budget > 0))
    invalid(`'budgetSeconds' must be a positive number; got ${JSON.stringify(budgetSeconds)}`);
  if (promote !== undefined && typeof promote !== 'boolean') invalid("'promote' must be true or false");
  if (dryRun !== undefined && typeof dryRun !== 'boolean') invalid("'dryRun' must be true or false");
  if (user !== undefined && (typeof user !== 'string' || user.trim() === ''))
    invalid("'user' must be a name (who asked for the training)");
  return {
    ...(files ? { data: files } : {}),
    ...(cases ? { fromCases: cases } : {}),
    ...(testData ? { testData: testData as string } : {}),
    preset: presetName,
    ...(params ? { params: params as GbdtParamsInput } : {}),
    seed: seedValue,
    budgetSeconds: budget,
    ...(promote === undefined ? {} : { promote }),
    ...(dryRun ? { dryRun: true } : {}),
    ...(user ? { user: (user as string).trim() } : {}),
  };
}

/**
 * `data`: a file name, or a non-empty list of them; required unless the training reads concluded
 * cases (`withCases`). Undefined when absent.
 */
function dataFiles(value: unknown, withCases: boolean): readonly string[] | undefined {
  if (value === undefined && withCases) return undefined;
  const files = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(files) || files.length === 0)
    invalid(
      "'data' (the data file, or a list of them) is required, unless 'fromCases' trains on concluded cases",
    );
  for (const file of files)
    if (typeof file !== 'string' || file === '')
      invalid(`'data' must name files; got ${JSON.stringify(file)} in ${JSON.stringify(value)}`);
  return files as string[];
}

/**
 * `fromCases`: `true`, or `{since?, until?}` with ISO times or milliseconds; undefined when absent
 * or false.
 */
function fromCasesParam(value: unknown): TrainFlowParams['fromCases'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('\'fromCases\' must be true or {"since"?: time, "until"?: time}');
  const bounds = value as Record<string, unknown>;
  for (const key of Object.keys(bounds))
    if (key !== 'since' && key !== 'until') invalid(`'fromCases' takes since and until; not '${key}'`);
  const time = (name: 'since' | 'until'): number | undefined => {
    const v = bounds[name];
    if (v === undefined) return undefined;
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (!Number.isFinite(t))
      invalid(`'fromCases.${name}' must be an ISO date or time; got ${JSON.stringify(v)}`);
    return t;
  };
  const since = time('since');
  const until = time('until');
  if (since !== undefined && until !== undefined && since >= until)
    invalid(
      `'fromCases.since' (${new Date(since).toISOString()}) is not before its until (${new Date(until).toISOString()})`,
    );
  return { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
}

/**
 * The `train` flow as a named flow of the pipeline registry, so that `amlops train`, `amlops
 * pipelines run train [--queue]`, workers and schedules all run the same steps. The dependencies
 * (stores, threads) are opened on the first step, not when the flow is registered; the tracking
 * run is linked to the pipeline run as soon as it exists.
 *
 * @example
 * registry.register(trainFlowDefinition(config, () => openTrainFlowDeps(config, cwd).then((o) => o.deps)));
 */
export function trainFlowDefinition(
  config: TrainFlowDeps['config'],
  openDeps: () => Promise<TrainFlowDeps>,
): FlowDefinition {
  return {
    name: 'train',
    description: 'load, validate, split, search, fit, evaluate, quality, log, register, promote, alerts',
    checkParams: (json) => void trainParams(json, config),
    steps: (json, run): FlowStep[] => {
      const params = trainParams(json, config);
      let built: Promise<FlowStep[]> | undefined;
      const stepNamed = async (name: string): Promise<FlowStep> => {
        built ??= openDeps().then((deps) => trainFlow(deps, params));
        return (await built).find((step) => step.name === name)!;
      };
      return TRAIN_STEPS.map((name) => ({
        name,
        retries: STEP_RETRIES[name] ?? 0,
        retryDelayMs: 1000,
        run: async (context) => {
          const output = (await (await stepNamed(name)).run(context)) as { runId?: string };
          if (name === 'log' && output?.runId) await run.linkTrackingRun(output.runId);
          return output;
        },
      }));
    },
  };
}
