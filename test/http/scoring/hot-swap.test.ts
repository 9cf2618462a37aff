import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;

beforeAll(async () => {
  h = await scoringServerHarness({ 'scoring.pollSeconds': 0.1 });
  await h.publish(trainTestBundle(), 'production');
  await h.server.models.poll();
});
afterAll(() => h.close());

describe('hot swap', () => {
  it('follows a promotion under load: no request fails, each client sees the old version then the new', async () => {
    const seen: string[][] = [];
    const failures: string[] = [];
    let stop = false;
    const client = async (id: number) => {
      seen[id] = [];
      while (!stop) {
        const res = await h.server.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY });
        if (res.statusCode !== 200) failures.push(`${res.statusCode} ${res.body}`);
        else seen[id]!.push(res.json().model.version);
      }
    };
    const clients = Array.from({ length: 8 }, (_, i) => client(i));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const v2 = await h.publish(trainTestBundle({ seed: 3, trees: 20 }), 'production');
    const deadline = Date.now() + 10_000;
    while (h.server.models.current?.version !== v2.version && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop = true;
    await Promise.all(clients);
    expect(failures).toEqual([]);
    const all = seen.flat();
    expect(all.length).toBeGreaterThan(50);
    expect(all).toContain('1');
    expect(all).toContain('2');
    for (const versions of seen) {
      const firstNew = versions.indexOf('2');
      expect(versions.slice(firstNew).every((v) => v === '2')).toBe(true);
    }
    const metrics = (await h.server.app.inject('/metrics')).body;
    expect(metrics).toMatch(/amlops_model_swaps_total\{role="default"\} 2/);
  });

  it('keeps serving the old version when a new one fails verification', async () => {
    const before = h.server.models.current!.version;
    // The input example lacks a required column: loading the version fails its verification.
    await h.publish(trainTestBundle({ seed: 5 }), 'production', { risk_pld: ['HIGH'] });
    await h.server.models.poll();
    expect(h.server.models.current!.version).toBe(before);
    const res = await h.server.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY });
    expect(res.statusCode).toBe(200);
    expect(res.json().model.version).toBe(before);
    expect((await h.server.app.inject('/metrics')).body).toMatch(/amlops_model_load_failures_total [1-9]/);
    const direct = await h.server.app.inject({
      method: 'POST',
      url: `/predict?model=${MODEL}/3`,
      payload: EXAMPLE_BODY,
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error.message).toMatch(/failed verification/);
  });

  it('refuses a version whose model file was edited after registration, and keeps serving the one it has', async () => {
    const before = h.server.models.current!.version;
    const edited = await h.publish(trainTestBundle({ seed: 6 }));
    // A leaf value changed on disk: still valid JSON and a loadable model, but not the one registered.
    const file = join(fileURLToPath(edited.source), 'model', 'model.json');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(
      /"base_score":"([^"]+)"/,
      (_, value) => `"base_score":"${Number(value) + 0.25}"`,
    );
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    await h.stores.registry.setAlias(MODEL, 'production', edited.version);
    await h.server.models.poll();
    expect(h.server.models.current!.version).toBe(before);
    const served = await h.server.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY });
    expect(served.json().model.version).toBe(before);
    // No longer what production names: the answer does not call it Production, and the server says
    // which version it serves and which the registry wants.
    expect(served.json().model.current_scope).not.toBe('Production');
    const ready = await h.server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'degraded', served: before, wanted: edited.version });
    expect(ready.json().reason).toContain('changed since registration');
    expect((await h.server.app.inject('/metrics')).body).toContain(
      `amlops_model_served{model_name="${MODEL}",served_version="${before}",wanted_version="${edited.version}"} 1`,
    );
    // Polled again, the same refusal is no swap.
    const swaps = /amlops_model_swaps_total\{role="default"\} (\d+)/;
    const swapsBefore = swaps.exec((await h.server.app.inject('/metrics')).body)?.[1];
    await h.server.models.poll();
    expect(swaps.exec((await h.server.app.inject('/metrics')).body)?.[1]).toBe(swapsBefore);
    const direct = await h.server.app.inject({
      method: 'POST',
      url: `/predict?model=${MODEL}/${edited.version}`,
      payload: EXAMPLE_BODY,
    });
    expect(direct.statusCode).toBe(422);
    expect(direct.json().error).toMatchObject({ code: 'MODEL_FILE_TAMPERED' });
    expect(direct.json().error.message).toContain('model/model.json changed since registration');
  });
});
