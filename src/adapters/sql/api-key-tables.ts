/** The API keys table (migration 0010), as Kysely sees it. */
export type ApiKeyTables = {
  api_keys: {
    id: string;
    name: string;
    role: string;
    secret_hash: string;
    created_at: number;
    created_by: string;
    expires_at: number | null;
    revoked_at: number | null;
    revoked_by: string | null;
  };
};
