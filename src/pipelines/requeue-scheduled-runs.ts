import type { PipelineDeps } from './pipeline-deps.js';

/**
 * Puts back in the queue the runs still waiting (Scheduled) in the store: with an in-process queue
 * the jobs died with the process that queued them, the runs did not. Returns how many were queued.
 *
 * @example
 * await requeueScheduledRuns(deps); // at the start of `amlops up`
 */
export async function requeueScheduledRuns(deps: PipelineDeps): Promise<number> {
  if (!deps.queue) return 0;
  let count = 0;
  let pageToken: string | undefined;
  do {
    const page = await deps.store.listRuns({
      states: ['Scheduled'],
      maxResults: 1000,
      ...(pageToken ? { pageToken } : {}),
    });
    // Oldest first, as they were queued.
    for (const run of [...page.items].reverse()) {
      await deps.queue.enqueue({ runId: run.id, flow: run.flow });
      count += 1;
    }
    pageToken = page.nextPageToken;
  } while (pageToken);
  return count;
}
