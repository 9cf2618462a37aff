import type { Generated } from 'kysely';

/** The service statistics table (migration 0009), as Kysely sees it. */
export type ServiceStatsTables = {
  service_stats: {
    id: Generated<number>;
    source: string;
    interval_start: number;
    interval_end: number;
    requests: number;
    server_errors: number;
    client_errors: number;
    cases: number;
    latency_sum: number;
    latency_counts: string;
  };
};
