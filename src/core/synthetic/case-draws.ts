/** The generator's rows before they become a frame: typed arrays only, one slot per row. */
export interface CaseDraws {
  readonly caseNumber: Int32Array;
  readonly userNumber: Int32Array;
  readonly day: Int32Array;
  /** NaN when missing. */
  readonly income: Float64Array;
  /** NaN when missing. */
  readonly outcome: Float64Array;
  /** Index into RISK_SPELLINGS; -1 when missing. */
  readonly risk: Int32Array;
  /** 0 CLOSED_NO_ROI, 1 CLOSED_WITH_ROI, 2 REPORTED_TO_AUTHORITY. */
  readonly conclusion: Int32Array;
  readonly probability: Float64Array;
  readonly label: Uint8Array;
}

/** Every spelling of `risk_pld` the generator writes: the three levels, then the unseen ones. */
export const RISK_SPELLINGS = ['LOW', 'MEDIUM', 'HIGH', 'low', 'medium', 'high', 'CRITICAL'] as const;

/** Code of the unseen `CRITICAL` spelling in RISK_SPELLINGS. */
export const CRITICAL_SPELLING = 6;

/** Conclusions by code: the negative first, then the two known positives. */
export const CONCLUSIONS = ['CLOSED_NO_ROI', 'CLOSED_WITH_ROI', 'REPORTED_TO_AUTHORITY'] as const;
