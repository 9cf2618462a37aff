import {
  concatRawTables,
  type DatasetValidation,
  type RawTable,
  stratifiedSplit,
  validateDataset,
} from '../../core/dataset/index.js';
import { AmlopsError } from '../../core/errors/index.js';
import { type Finding, hasFatal } from '../../core/findings/index.js';
import { Rng } from '../../core/random/index.js';
import { dataInvalidError } from '../../services/data-invalid-error.js';
import { datasetSchemaFromConfig } from '../../services/dataset-schema-from-config.js';
import type { FlowStep } from '../flow-step.js';
import { readCasesSource } from './cases-source.js';
import type { TrainFlowDeps } from './train-flow-deps.js';
import type { TrainFlowParams } from './train-flow-params.js';
import type { LabelledFrame, TrainScratch } from './train-scratch.js';
import { trainingSource } from './training-source.js';

function labelled(validation: DatasetValidation, source: string): LabelledFrame {
  if (!validation.labels) throw new AmlopsError('DATA_INVALID', `${source} has no labels to train on`);
  return { frame: validation.frame, labels: validation.labels };
}

/**
 * DATA_INVALID with every fatal finding's message (the missing column, the single class…): a failed
 * pipeline run records only the code and message of its error, not its details.
 */
function invalidData(source: string, findings: readonly Finding[]): AmlopsError {
  const error = dataInvalidError(source, findings);
  const messages = findings.filter((f) => f.severity === 'fatal').map((f) => f.message);
  return new AmlopsError('DATA_INVALID', `${error.message} — ${messages.join('; ')}`, error.details);
}

function validated(deps: TrainFlowDeps, raw: RawTable, source: string): DatasetValidation {
  const validation = validateDataset(raw, datasetSchemaFromConfig(deps.config));
  if (hasFatal(validation.findings)) throw invalidData(source, validation.findings);
  return validation;
}

function take(rows: LabelledFrame, indices: Uint32Array): LabelledFrame {
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) labels[i] = rows.labels[indices[i]!]!;
  return { frame: rows.frame.take(indices), labels };
}

function positives(labels: Uint8Array): number {
  let n = 0;
  for (const label of labels) n += label;
  return n;
}

/**
 * The data steps: `load` reads the file(s) and, with `fromCases`, the analysts' concluded cases
 * after them (see `readCasesSource`); `validate` checks them, failing the run with every fatal
 * finding (DATA_INVALID); `split` makes the stratified, seeded train/test split, or takes `testData` as the
 * test split. Both rebuild their in-memory result when a retried run needs it.
 */
export function dataSteps(deps: TrainFlowDeps, params: TrainFlowParams, scratch: TrainScratch): FlowStep[] {
  const raws: { data?: RawTable; test?: RawTable } = {};
  const source = trainingSource(params);
  const load = async (): Promise<Record<string, unknown>> => {
    const tables: RawTable[] = [];
    for (const file of params.data ?? []) tables.push(await deps.readTable(file));
    const cases = params.fromCases ? await readCasesSource(deps, params.fromCases) : undefined;
    if (cases) {
      tables.push(cases.table);
      scratch.trainingCases = cases.cases;
    }
    raws.data = concatRawTables(tables);
    if (params.testData) raws.test = await deps.readTable(params.testData);
    return {
      source,
      rows: raws.data.rowCount,
      columns: raws.data.columns.length,
      ...(cases
        ? {
            cases: {
              rows: cases.cases.length,
              sampled: cases.cases.filter((c) => c.sampled).length,
              idColumn: cases.idColumn,
            },
          }
        : {}),
      ...(raws.test ? { test: { source: params.testData, rows: raws.test.rowCount } } : {}),
    };
  };
  const validate = async (): Promise<Record<string, unknown>> => {
    if (!raws.data) await load();
    const validation = validated(deps, raws.data!, source);
    scratch.data = labelled(validation, source);
    const summary: Record<string, unknown> = {
      summary: validation.summary,
      findings: validation.findings.filter((f) => f.severity !== 'info'),
    };
    if (params.testData) {
      const test = validated(deps, raws.test!, params.testData);
      scratch.testFile = labelled(test, params.testData);
      summary.test = test.summary;
    }
    // The raw text is not needed past validation; let it go before the search allocates.
    raws.data = undefined;
    raws.test = undefined;
    return summary;
  };
  const split = async (): Promise<Record<string, unknown>> => {
    if (!scratch.data) await validate();
    const data = scratch.data!;
    if (scratch.testFile) {
      scratch.train = data;
      scratch.test = scratch.testFile;
    } else {
      const parts = stratifiedSplit(
        data.labels,
        deps.config['split.testSize'],
        new Rng(deps.config['split.seed']),
      );
      scratch.train = take(data, parts.train);
      scratch.test = take(data, parts.test);
    }
    return {
      mode: scratch.testFile ? 'test-file' : 'stratified',
      testSize: deps.config['split.testSize'],
      seed: deps.config['split.seed'],
      trainRows: scratch.train.labels.length,
      trainPositives: positives(scratch.train.labels),
      testRows: scratch.test.labels.length,
      testPositives: positives(scratch.test.labels),
    };
  };
  return [
    { name: 'load', run: load },
    { name: 'validate', run: validate },
    { name: 'split', run: split },
  ];
}

/** Makes sure the split exists in memory (a retried run in a new process rebuilds it). */
export async function ensureSplit(steps: FlowStep[], scratch: TrainScratch): Promise<void> {
  if (scratch.train && scratch.test) return;
  const split = steps.find((s) => s.name === 'split')!;
  await split.run({ outputs: {}, attempt: 1, signal: new AbortController().signal, log: () => {} });
}
