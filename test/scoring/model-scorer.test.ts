import { describe, expect, it } from 'vitest';
import { foldContributions } from '../../src/core/scoring/fold-contributions.js';
import { createModelScorer } from '../../src/core/scoring/model-scorer.js';
import { parsePredictBody } from '../../src/core/scoring/parse-predict-body.js';
import { validateScoringInput } from '../../src/core/scoring/validate-scoring-input.js';
import { trainTestBundle } from './scoring-test-kit.js';

function manyCases(n: number) {
  const risks = ['LOW', 'MEDIUM', 'HIGH', '', 'CRITICAL'];
  return {
    total_outcome_dollar_amount: Array.from({ length: n }, (_, i) =>
      i % 7 === 0 ? null : (i * 977) % 25_000,
    ),
    total_income_dollar_amount: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? '' : (i * 613) % 30_000)),
    risk_pld: Array.from({ length: n }, (_, i) => risks[i % risks.length]),
  };
}

describe.each([false, true])('a model scorer (derived features: %s)', (domain) => {
  const bundle = trainTestBundle({ domain });
  const scorer = createModelScorer(bundle);
  const input = validateScoringInput(parsePredictBody(manyCases(200)).input, scorer.contract, 1000);

  it('gives the same scores case by case as in a batch', () => {
    const batch = new Float64Array(200);
    scorer.score(input, batch);
    const single = new Float64Array(1);
    for (let row = 0; row < 200; row += 13) {
      const one = validateScoringInput(
        parsePredictBody({
          total_outcome_dollar_amount: [manyCases(200).total_outcome_dollar_amount[row]],
          total_income_dollar_amount: [manyCases(200).total_income_dollar_amount[row]],
          risk_pld: [manyCases(200).risk_pld[row]],
        }).input,
        scorer.contract,
        1,
      );
      scorer.score(one, single);
      expect(single[0]).toBe(batch[row]);
    }
    expect(batch.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('explains a case by input features whose contributions add up to its log-odds', () => {
    const p = new Float64Array(200);
    scorer.score(input, p);
    for (const row of [1, 2, 3, 4]) {
      const { base, reasons } = scorer.explain(input, row);
      const logit = Math.log(p[row]! / (1 - p[row]!));
      const total = base + reasons.reduce((s, r) => s + r.contribution, 0);
      expect(Math.abs(total - logit)).toBeLessThan(1e-4);
      const names = reasons.map((r) => r.feature);
      // Only the request's own columns: one-hot columns and derived features are folded into them.
      expect([...names].sort()).toEqual([
        'risk_pld',
        'total_income_dollar_amount',
        'total_outcome_dollar_amount',
      ]);
      const magnitudes = reasons.map((r) => Math.abs(r.contribution));
      expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    }
    const risk = scorer.explain(input, 2).reasons.find((r) => r.feature === 'risk_pld')!;
    expect(risk.value).toBe('HIGH');
    expect(risk.text).toMatch(/^risk_pld=HIGH [+-]\d+\.\d\d$/);
    expect(scorer.explain(input, 3).reasons.find((r) => r.feature === 'risk_pld')!.text).toMatch(
      /^risk_pld=\(missing\) /,
    );
  });
});

describe('folding contributions into reasons', () => {
  it('sums one-hot columns into their feature, names the value and sorts by magnitude', () => {
    // columns: risk_pld=HIGH, risk_pld=LOW, total_income, total_outcome; then the bias
    const phi = Float64Array.of(1.0, 0.21, -0.3, 1.5, -2);
    const groups = {
      features: ['risk_pld', 'total_income', 'total_outcome'],
      inputsOf: [[0], [0], [1], [2]],
    };
    const values = ['HIGH', 1305.06, null];
    const folded = foldContributions(phi, groups, (g) => values[g]!);
    expect(folded.base).toBe(-2);
    expect(folded.reasons.map((r) => r.text)).toEqual([
      'total_outcome=(missing) +1.50',
      'risk_pld=HIGH +1.21',
      'total_income=1305.06 -0.30',
    ]);
  });

  it('shares a derived feature equally among the amounts it reads, keeping the sum', () => {
    // columns: total_income, total_outcome, net_flow (income - outcome); then the bias
    const phi = Float64Array.of(0.2, -0.1, 0.6, -2);
    const groups = { features: ['total_income', 'total_outcome'], inputsOf: [[0], [1], [0, 1]] };
    const folded = foldContributions(phi, groups, (g) => [1000, 950][g]!);
    expect(folded.reasons.map((r) => [r.feature, r.contribution])).toEqual([
      ['total_income', 0.5],
      ['total_outcome', 0.2],
    ]);
  });
});
