import type { ScoringContract } from '../core/scoring/scoring-contract.js';
import type { ValidatedInput } from '../core/scoring/validated-input.js';

/** One scored request handed to the audit recorder; its cases are copied into the group being recorded. */
export interface AuditEntry {
  readonly requestId: string;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly time: number;
  readonly caller: string;
  /** The client's `X-Request-Id` when well-formed, else null. */
  readonly clientRequestId: string | null;
  readonly contract: ScoringContract;
  readonly input: ValidatedInput;
  /** The scores, one per case (owned by the entry). */
  readonly scores: Float64Array;
}
