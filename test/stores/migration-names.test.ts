import { describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../../src/adapters/sql/migrations/migration-names.js';
import { migrationProvider } from '../../src/adapters/sql/migrations/migrations.js';

describe('the migration names a command checks a store against', () => {
  it('are the migrations the code applies, in the order it applies them, on both stores', async () => {
    for (const kind of ['sqlite', 'postgres'] as const) {
      const names = Object.keys(await migrationProvider(kind).getMigrations());
      expect([...MIGRATION_NAMES]).toEqual(names);
      expect([...MIGRATION_NAMES]).toEqual([...names].sort());
    }
  });
});
