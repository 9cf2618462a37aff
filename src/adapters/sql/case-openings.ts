import { caseOpeningKind } from '../../core/cases/index.js';
import type { AuditBatch } from '../../ports/audit-sink.js';

/** A scored case that opens a case or attaches to one. */
export interface OpeningScore {
  readonly requestId: string;
  readonly row: number;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly score: number;
  readonly time: number;
  readonly sampled: boolean;
  /** Its version's alert threshold. */
  readonly threshold: number;
}

/**
 * The scores of one subject in an append (or the one score of a case without a subject): they open
 * its case, or attach to the case open for the subject. `first` is the one that opens it.
 */
export interface CaseOpening {
  readonly subject: string | null;
  readonly scores: OpeningScore[];
  readonly first: OpeningScore;
  /** The highest score, the latest time, and whether every score was sampled. */
  maxScore: number;
  lastTime: number;
  sampled: boolean;
}

/**
 * The cases an append opens or attaches to: each scored case of `batches` at or above its
 * version's threshold (`thresholdOf`; a version without one opens nothing), or sampled below it
 * (`caseOpeningKind`), grouped by subject (the case id the request carried), subjects in sorted
 * order (so that concurrent writers lock the subjects' cases in one order), then one opening per
 * scored case without a subject. A walk over the batches' flat arrays: one threshold look-up per
 * request part, one comparison per case.
 *
 * @example
 * const openings = caseOpeningsOf(batches, (name, version) => thresholds.get(name, version), 0.02);
 */
export function caseOpeningsOf(
  batches: readonly AuditBatch[],
  thresholdOf: (modelName: string, modelVersion: string) => number | undefined,
  sampleRate: number,
): CaseOpening[] {
  const bySubject = new Map<string, CaseOpening>();
  const alone: CaseOpening[] = [];
  for (const batch of batches) {
    let at = 0;
    for (let part = 0; part < batch.requestIds.length; part++) {
      const count = batch.caseCounts[part]!;
      const modelName = batch.modelNames[part]!;
      const modelVersion = batch.modelVersions[part]!;
      const threshold = thresholdOf(modelName, modelVersion);
      if (threshold === undefined) {
        at += count;
        continue;
      }
      const requestId = batch.requestIds[part]!;
      const firstRow = batch.firstRows[part]!;
      const time = batch.times[part]!;
      for (let i = 0; i < count; i++, at++) {
        const score = batch.scores[at]!;
        const row = firstRow + i;
        const kind = caseOpeningKind(score, threshold, requestId, row, sampleRate);
        if (kind === null) continue;
        const scored: OpeningScore = {
          requestId,
          row,
          modelName,
          modelVersion,
          score,
          time,
          sampled: kind === 'sampled',
          threshold,
        };
        const subject = batch.caseIds[at] || null;
        const known = subject === null ? undefined : bySubject.get(subject);
        if (known) {
          known.scores.push(scored);
          known.maxScore = Math.max(known.maxScore, score);
          known.lastTime = Math.max(known.lastTime, time);
          known.sampled &&= scored.sampled;
          continue;
        }
        const opening: CaseOpening = {
          subject,
          scores: [scored],
          first: scored,
          maxScore: score,
          lastTime: time,
          sampled: scored.sampled,
        };
        if (subject === null) alone.push(opening);
        else bySubject.set(subject, opening);
      }
    }
  }
  const subjects = [...bySubject.keys()].sort();
  return [...subjects.map((s) => bySubject.get(s)!), ...alone];
}
