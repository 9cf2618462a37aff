import 'vitest';

declare module 'vitest' {
  /** What test/setup/global-setup.ts provides to tests through `inject()`. */
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL server ('' when this run has no store tests). */
    postgresUrl: string;
    /** The throwaway S3 server ('' endpoint when this run has no store tests). */
    s3: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };
  }
}
