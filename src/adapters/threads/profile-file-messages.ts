import type { Finding } from '../../core/findings/index.js';
import type { QualityTarget } from '../../core/quality/quality-table.js';
import type { QualitySchema } from '../../core/quality/quality-table-from-raw.js';
import type { TableProfile } from '../../core/quality/table-profile.js';
import type { ThreadError } from './thread-error.js';

/** What a profiling thread is given: the file to read and how to type and profile it. */
export interface ProfileFileWorkerData {
  readonly source: string;
  /** How the report names the side. */
  readonly name: string;
  readonly schema: QualitySchema;
  readonly target?: QualityTarget;
}

/** What it answers: the side's profile and the findings of reading it, or the error. */
export type ProfileFileReply =
  | { readonly kind: 'profile'; readonly profile: TableProfile; readonly findings: readonly Finding[] }
  | { readonly kind: 'error'; readonly error: ThreadError };
