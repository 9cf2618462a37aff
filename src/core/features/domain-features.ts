/** Names of the derived features computed from an inflow and an outflow amount. */
export const DOMAIN_FEATURE_NAMES = [
  'log_income',
  'log_outcome',
  'log_outflow_inflow_ratio',
  'net_flow',
] as const;

export type DomainFeatureName = (typeof DOMAIN_FEATURE_NAMES)[number];

/** Which of the two amounts each derived feature reads. */
export const DOMAIN_FEATURE_INPUTS: Readonly<Record<DomainFeatureName, readonly ('income' | 'outcome')[]>> = {
  log_income: ['income'],
  log_outcome: ['outcome'],
  log_outflow_inflow_ratio: ['income', 'outcome'],
  net_flow: ['income', 'outcome'],
};

/**
 * One derived feature of a row from its inflow and outflow (NaN when an input is missing).
 * `log_outflow_inflow_ratio` is ln((1 + out) / (1 + in)): 0 for a pass-through account, whatever
 * its size, which turns the diagonal "outflow = inflow" into one threshold a tree can find.
 *
 * @example
 * domainFeature('net_flow', 1_000, 950); // 50
 */
export function domainFeature(name: DomainFeatureName, income: number, outcome: number): number {
  switch (name) {
    case 'log_income':
      return Math.log1p(income);
    case 'log_outcome':
      return Math.log1p(outcome);
    case 'log_outflow_inflow_ratio':
      return Math.log1p(outcome) - Math.log1p(income);
    case 'net_flow':
      return income - outcome;
  }
}
