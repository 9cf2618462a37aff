import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlApiKeyStore } from '../../src/adapters/sql/api-key-sql-store.js';
import { openSqlDatabase } from '../../src/adapters/sql/open-sql-database.js';
import { createApiKey } from '../../src/services/api-keys.js';
import { EXAMPLE_BODY, trainTestBundle } from '../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring/scoring-server-harness.js';

let h: ScoringServerHarness;
const keys: Record<string, string> = {};

beforeAll(async () => {
  h = await scoringServerHarness({ 'auth.mode': 'keys' });
  const database = await openSqlDatabase(`sqlite:${join(h.home, 'amlops.db')}`);
  const store = await SqlApiKeyStore.open(database);
  await database.close();
  for (const [name, role] of [
    ['scoring-client', 'score'],
    ['ana', 'write'],
    ['dpo', 'admin'],
  ] as const)
    keys[name] = (await createApiKey(store, { name, role, by: 'test', now: Date.now() })).key;
  await store.close();
  await h.publish(trainTestBundle(), 'production');
  await h.publish(trainTestBundle());
  await h.server.models.poll();
});
afterAll(async () => {
  await h?.close();
});

const post = (url: string, key: string, payload: unknown) =>
  h.server.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${key}` },
    payload: payload as object,
  });

describe('who did it, with API keys', () => {
  it('records the calling key on each scored case, as the analyst of a conclusion and as who promoted, whatever the body says', async () => {
    const scored = await post('/predict', keys['scoring-client']!, EXAMPLE_BODY);
    expect(scored.statusCode, scored.body).toBe(200);
    await h.server.audit?.drain();
    const cases = await h.server.auditLog.list();
    expect(cases.items.map((c) => c.caller)).toEqual(EXAMPLE_BODY.risk_pld.map(() => 'scoring-client'));
    const requestId = JSON.parse(scored.body).request_id;
    const concluded = await post('/feedback', keys.ana!, {
      request_id: requestId,
      row: 0,
      conclusion: 'CLOSED_WITH_ROI',
      analyst: 'somebody-else',
    });
    expect(concluded.statusCode, concluded.body).toBe(201);
    expect((await h.server.feedbackLog.listFeedback()).map((f) => f.analyst)).toEqual(['ana']);

    const promoted = await post(`/api/v1/models/${MODEL}/promote`, keys.ana!, {
      version: 2,
      reason: 'better AUC',
      by: 'mallory',
      force: true,
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    const tags = (await h.stores.registry.getModelVersion(MODEL, '2')).tags;
    expect(tags.find((tag) => tag.key === 'amlops.promoted_by')?.value).toBe('ana');
  });

  it("gives a subject's data and erases it for an admin key only, recording the key as who erased", async () => {
    const [scored] = (await h.server.auditLog.list({ maxResults: 1 })).items;
    await h.server.auditLog.append([{ ...scored!, requestId: 'by-id', caseId: 'U-1' }]);
    const target = 'U-1';
    const get = (key: string) =>
      h.server.app.inject({
        method: 'GET',
        url: `/api/v1/subjects/${encodeURIComponent(target)}`,
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await get(keys.ana!)).statusCode).toBe(403);
    const records = await get(keys.dpo!);
    expect(records.statusCode, records.body).toBe(200);
    expect(JSON.parse(records.body)).toMatchObject({ subject: 'U-1', cases: [{ requestId: 'by-id' }] });
    expect(
      (await post(`/api/v1/subjects/${encodeURIComponent(target)}/erase`, keys.ana!, {})).statusCode,
    ).toBe(403);
    const erased = await post(`/api/v1/subjects/${encodeURIComponent(target)}/erase`, keys.dpo!, {});
    expect(erased.statusCode, erased.body).toBe(200);
    expect(JSON.parse(erased.body).erasure).toMatchObject({ by: 'dpo', cases: 1, conclusions: 0 });
    expect((await h.server.auditLog.listErasures()).map((e) => e.by)).toEqual(['dpo']);
  });

  it('takes an admin key to promote over a failing gate, recorded as an override', async () => {
    const version = await h.publish(trainTestBundle());
    await h.stores.registry.setModelVersionTag(MODEL, version.version, {
      key: 'amlops.gate',
      value: 'failed',
    });
    await h.stores.registry.setModelVersionTag(MODEL, version.version, {
      key: 'amlops.gate_reason',
      value: 'too weak',
    });
    const body = { version: Number(version.version), reason: 'needed now', force: true };
    const refused = await post(`/api/v1/models/${MODEL}/promote`, keys.ana!, body);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body).error.message).toContain(
      "did not pass the promotion gate (too weak): overriding it needs an admin key; the key 'ana' has role write",
    );
    const promoted = await post(`/api/v1/models/${MODEL}/promote`, keys.dpo!, body);
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(JSON.parse(promoted.body)).toMatchObject({ override: 'too weak' });
  });

  it('records the key as who silenced an alert, whatever the body says', async () => {
    const silenced = await post('/api/v1/alerts/live-data-drift/silence', keys.ana!, {
      for: '1h',
      reason: 'migration',
      by: 'mallory',
    });
    expect(silenced.statusCode, silenced.body).toBe(200);
    expect(JSON.parse(silenced.body)).toMatchObject({ silencedBy: 'ana' });
    const unsigned = await post('/api/v1/alerts/live-data-drift/silence', keys.ana!, {
      for: '1h',
      reason: 'again',
    });
    expect(JSON.parse(unsigned.body)).toMatchObject({ silencedBy: 'ana', silenceReason: 'again' });
  });
});
