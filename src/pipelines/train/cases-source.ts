import type { RawTable } from '../../core/dataset/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { BUNDLE_PATHS } from '../../core/model/index.js';
import type { ConcludedCase } from '../../ports/case-store.js';
import { concludedCasesTable } from '../../services/concluded-cases-table.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';

/** The concluded cases a training reads, and the table they make. */
export interface CasesSource {
  readonly cases: readonly ConcludedCase[];
  readonly table: RawTable;
  /** The column the subjects were written to. */
  readonly idColumn: string;
}

/**
 * The id column the scoring model took the cases' subjects from (its input schema's), so that the
 * new model takes them from the same column; `case_id` when it cannot be read.
 */
async function scoringIdColumn(deps: TrainFlowDeps, newest: ConcludedCase): Promise<string> {
  try {
    const version = await deps.registry.getModelVersion(newest.modelName, newest.modelVersion);
    const files = deps.openArtifacts(version.source);
    const schema = JSON.parse(new TextDecoder().decode(await files.get(BUNDLE_PATHS.inputSchema))) as {
      idColumn?: unknown;
    };
    return typeof schema.idColumn === 'string' && schema.idColumn !== '' ? schema.idColumn : 'case_id';
  } catch {
    return 'case_id';
  }
}

/**
 * Reads the analysts' concluded cases a training asked for (`fromCases`) as training rows: the
 * audited inputs of each case's latest score, its conclusion as the target, its subject in the id
 * column (`data.idColumn`, else the scoring model's). DATA_INVALID when there is none to read.
 *
 * @example
 * const { table, cases } = await readCasesSource(deps, params.fromCases);
 */
export async function readCasesSource(
  deps: TrainFlowDeps,
  fromCases: NonNullable<TrainFlowParams['fromCases']>,
): Promise<CasesSource> {
  if (!deps.cases)
    throw new AmlopsError('INVALID_STATE', 'this training has no access to the cases store (fromCases)');
  const cases = await deps.cases.concluded({
    ...(fromCases.since !== undefined ? { since: fromCases.since } : {}),
    ...(fromCases.until !== undefined ? { concludedBefore: fromCases.until } : {}),
  });
  if (cases.length === 0)
    throw new AmlopsError(
      'DATA_INVALID',
      `no concluded case to train on${fromCases.since !== undefined ? ` opened since ${new Date(fromCases.since).toISOString()}` : ''}: conclude cases (amlops cases conclude) or give --data`,
    );
  const { config } = deps;
  const idColumn = config['data.idColumn'] || (await scoringIdColumn(deps, cases[cases.length - 1]!));
  const table = concludedCasesTable(cases, {
    numeric: config['data.numericColumns'],
    categorical: config['data.categoricalColumns'],
    target: config['data.targetColumn'],
    id: idColumn,
  });
  return { cases, table, idColumn };
}
