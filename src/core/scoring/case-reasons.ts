/** One input feature's part in a score: its contribution to the log-odds (TreeSHAP). */
export interface Reason {
  /** The input feature (`risk_pld`), one-hot columns folded into it, or a derived feature's name. */
  readonly feature: string;
  /** The case's value of it, as scored; null when missing. */
  readonly value: string | number | null;
  /** Contribution to the log-odds; the contributions and `base` sum to the case's log-odds. */
  readonly contribution: number;
  /** For people: `risk_pld=HIGH +1.21`. */
  readonly text: string;
}

/** The reasons of one case's score, largest magnitude first, and the log-odds every case starts from. */
export interface CaseReasons {
  readonly base: number;
  readonly reasons: readonly Reason[];
}
