import type { Rng } from '../random/rng.js';
import { TYPOLOGY } from './typology-parameters.js';

/** The clean, complete features of generated cases, one typed array per feature. */
export interface SampledAccounts {
  readonly income: Float64Array;
  readonly outcome: Float64Array;
  /** 0 LOW, 1 MEDIUM, 2 HIGH. */
  readonly risk: Uint8Array;
  /** 0 ordinary, 1 mule, 2 structuring, 3 outflow-heavy (the latent segment; not written out). */
  readonly segment: Uint8Array;
}

const T = TYPOLOGY;

/**
 * Draws `rows` accounts from the documented segment mixture (docs/synthetic-data.md), amounts in
 * cents-rounded USD. `drift` in [0, 1] scales amounts, shifts ordinary outflow ratios and moves
 * risk mass from LOW to HIGH.
 *
 * @example
 * const { income, outcome, risk } = sampleAccounts(new Rng(7), 1_000, 0);
 */
export function sampleAccounts(rng: Rng, rows: number, drift: number): SampledAccounts {
  const income = new Float64Array(rows);
  const outcome = new Float64Array(rows);
  const risk = new Uint8Array(rows);
  const segment = new Uint8Array(rows);
  const amountScale = Math.exp(drift * T.drift.amountLogShift);
  const ordinaryRatioMean = T.ordinary.ratioLogMean + drift * T.drift.ratioLogShift;
  const riskShift = drift * T.drift.riskShift;
  const ordinaryMix = riskThresholds(T.riskMix.ordinary, riskShift);
  const suspiciousMix = riskThresholds(T.riskMix.suspicious, riskShift);
  const muleEnd = T.segments.mule;
  const structuringEnd = muleEnd + T.segments.structuring;
  const outflowEnd = structuringEnd + T.segments.outflowHeavy;
  const inverseShape = -1 / T.ordinary.paretoShape;

  for (let i = 0; i < rows; i++) {
    const u = rng.next();
    let inflow: number;
    let logRatio: number;
    let kind: number;
    if (u < muleEnd) {
      kind = 1;
      inflow = amountScale * Math.exp(T.mule.incomeLogMean + T.mule.incomeLogSd * rng.normal());
      logRatio = T.mule.ratioLogMean + T.mule.ratioLogSd * rng.normal();
    } else if (u < structuringEnd) {
      kind = 2;
      // Structurers stay under the threshold whatever the drift: the threshold is the law's.
      inflow = T.structuring.threshold - 0.01 - T.structuring.band * rng.next() ** 1.5;
      logRatio = T.structuring.ratioLogMean + T.structuring.ratioLogSd * rng.normal();
    } else if (u < outflowEnd) {
      kind = 3;
      inflow =
        amountScale * Math.exp(T.outflowHeavy.incomeLogMean + T.outflowHeavy.incomeLogSd * rng.normal());
      logRatio = T.outflowHeavy.ratioLogMean + T.outflowHeavy.ratioLogSd * rng.normal();
    } else {
      kind = 0;
      inflow =
        rng.next() < T.ordinary.paretoShare
          ? T.ordinary.paretoScale * (1 - rng.next()) ** inverseShape
          : Math.exp(T.ordinary.incomeLogMean + T.ordinary.incomeLogSd * rng.normal());
      inflow *= amountScale;
      logRatio = ordinaryRatioMean + T.ordinary.ratioLogSd * rng.normal();
    }
    const mix = kind === 0 ? ordinaryMix : suspiciousMix;
    const r = rng.next();
    segment[i] = kind;
    risk[i] = r < mix[0] ? 0 : r < mix[1] ? 1 : 2;
    income[i] = Math.round(inflow * 100) / 100;
    outcome[i] = Math.round(inflow * Math.exp(logRatio) * 100) / 100;
  }
  return { income, outcome, risk, segment };
}

/** Cumulative thresholds [P(LOW), P(LOW) + P(MEDIUM)] after moving `shift` from LOW to HIGH. */
function riskThresholds(mix: readonly number[], shift: number): [number, number] {
  const low = Math.max(0, mix[0]! - shift);
  return [low, low + mix[1]!];
}
