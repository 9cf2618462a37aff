import type { TrainFlowParams } from './train-flow-params.js';

/**
 * What a training run learns from, for its logs, parameters and model card: the data files, the
 * analysts' concluded cases (with their bounds), or both.
 *
 * @example
 * trainingSource({ data: ['cases.csv'], fromCases: { since: Date.parse('2026-01-01') }, … });
 * // 'cases.csv + concluded cases opened since 2026-01-01T00:00:00.000Z'
 */
export function trainingSource(params: Pick<TrainFlowParams, 'data' | 'fromCases'>): string {
  const cases = params.fromCases;
  const described = cases
    ? [
        'concluded cases',
        ...(cases.since !== undefined ? [`opened since ${new Date(cases.since).toISOString()}`] : []),
        ...(cases.until !== undefined ? [`concluded before ${new Date(cases.until).toISOString()}`] : []),
      ].join(' ')
    : undefined;
  return [...(params.data ?? []), described].filter((part) => part !== undefined).join(' + ');
}
