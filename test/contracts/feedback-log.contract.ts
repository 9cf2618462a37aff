import { describe, expect, it } from 'vitest';
import type { CaseFeedback, FeedbackLog } from '../../src/ports/feedback-log.js';

const conclusion = (over: Partial<CaseFeedback>): CaseFeedback => ({
  requestId: 'r1',
  row: 0,
  caseId: null,
  conclusion: 'REPORTED',
  label: 1,
  time: 1000,
  analyst: 'ana',
  ...over,
});

/**
 * What every `FeedbackLog` promises: each conclusion kept as recorded, never merged with another
 * on the same case (an analyst may revise one: both stay), listed oldest first, filtered by time
 * and by the case's request id and row, and cut at `maxResults`.
 */
export function feedbackLogContract(name: string, open: () => Promise<FeedbackLog>): void {
  describe(`FeedbackLog contract: ${name}`, () => {
    it('keeps each conclusion as recorded, revisions too, oldest first', async () => {
      const log = await open();
      try {
        const recorded = [
          conclusion({}),
          conclusion({
            requestId: 'r1',
            row: 1,
            caseId: 'U-7',
            conclusion: 'CLOSED_NO_ROI',
            label: 0,
            time: 1001,
          }),
          conclusion({ requestId: null, row: null, caseId: 'U-8', time: 1002, analyst: '' }),
          // The same case again, revised.
          conclusion({ conclusion: 'CLOSED_NO_ROI', label: 0, time: 1003, analyst: 'bob' }),
        ];
        for (const f of recorded) await log.recordFeedback(f);
        expect(await log.listFeedback()).toEqual(recorded);
        expect(await log.listFeedback({ since: 1002 })).toEqual(recorded.slice(2));
        expect(await log.listFeedback({ requestId: 'r1', row: 0 })).toEqual([recorded[0], recorded[3]]);
        expect(await log.listFeedback({ requestId: 'r1', row: 2 })).toEqual([]);
        expect(await log.listFeedback({ maxResults: 2 })).toEqual(recorded.slice(0, 2));
      } finally {
        await log.close();
      }
    });
  });
}
