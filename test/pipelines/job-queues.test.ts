import { InProcessQueue } from '../../src/adapters/queue/in-process-queue.js';
import { PgBossQueue, type PgBossQueueOptions } from '../../src/adapters/queue/pg-boss-queue.js';
import { runJobQueueContract } from '../contracts/job-queue.contract.js';
import { usePostgres } from './test-postgres.js';

const freshPostgres = usePostgres();

runJobQueueContract('in-process', async () => ({ queue: new InProcessQueue(), close: async () => {} }), {
  retries: 0,
  quietMs: 100,
});

// pg-boss polls at 0.5 s at best: a second and a half without a hand-out means none is coming.
const PG_BOSS: PgBossQueueOptions = { pollSeconds: 0.5, crashRetries: 2 };
runJobQueueContract(
  'pg-boss',
  async () => {
    const url = await freshPostgres();
    return {
      queue: await PgBossQueue.open(url, PG_BOSS),
      openAnother: () => PgBossQueue.open(url, PG_BOSS),
      close: async () => {},
    };
  },
  { retries: 2, quietMs: 1_500 },
);
