/**
 * Every number of the synthetic generator, in one place, as documented in docs/synthetic-data.md.
 * Amounts are USD; `ln` ratios are natural logs. Changing a value here changes the generated data
 * for every seed, so the doc and the tests pin them.
 */
export const TYPOLOGY = {
  /** Share of cases drawn from each account segment (the rest are ordinary accounts). */
  segments: { mule: 0.07, structuring: 0.035, outflowHeavy: 0.03 },
  /** Ordinary accounts: income is log-normal with a Pareto tail; outflow is income times a log-normal ratio. */
  ordinary: {
    incomeLogMean: 7.6,
    incomeLogSd: 1.25,
    paretoShare: 0.06,
    paretoScale: 15_000,
    paretoShape: 1.6,
    ratioLogMean: -0.12,
    ratioLogSd: 0.55,
  },
  /** Mules: larger inflows passed through almost whole (outflow = inflow within a few percent). */
  mule: { incomeLogMean: 8.6, incomeLogSd: 1.0, ratioLogMean: -0.005, ratioLogSd: 0.012 },
  /** Structuring: inflows just under the reporting threshold. */
  structuring: { threshold: 10_000, band: 1_800, ratioLogMean: -0.2, ratioLogSd: 0.5 },
  /** Outflow-heavy: outflow several times the inflow. */
  outflowHeavy: { incomeLogMean: 6.8, incomeLogSd: 1.1, ratioLogMean: 1.6, ratioLogSd: 0.5 },
  /** Risk mix (LOW, MEDIUM, HIGH) of ordinary and of suspicious segments. */
  riskMix: { ordinary: [0.62, 0.28, 0.1], suspicious: [0.35, 0.35, 0.3] },
  /** The score whose logistic is each case's true probability of a positive conclusion. */
  score: {
    intercept: -6.07,
    risk: [0, 0.5, 1.0],
    mule: { weight: 4.6, width: 0.03, minIncome: 2_000, incomeScale: 0.5 },
    structuring: { weight: 3.3, rampStart: 7_500 },
    outflowHeavy: { weight: 2.8, ratioMidpoint: 1.1, ratioScale: 0.2 },
    size: { weight: 0.25, center: 8.5 },
    highRiskTypologyBoost: 1.3,
  },
  /** Share of positives concluded REPORTED_TO_AUTHORITY (the rest CLOSED_WITH_ROI). */
  reportedShare: 0.3,
  /** Drift at 1: amounts multiplied by e^amountLogShift, HIGH gains riskShift from LOW, ratios shift. */
  drift: { amountLogShift: 0.6, riskShift: 0.15, ratioLogShift: 0.2 },
} as const;
