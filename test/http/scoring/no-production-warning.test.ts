import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_BODY, trainTestBundle } from '../../scoring/scoring-test-kit.js';
import { MODEL, type ScoringServerHarness, scoringServerHarness } from './scoring-server-harness.js';

let h: ScoringServerHarness;
beforeAll(async () => {
  h = await scoringServerHarness();
});
afterAll(() => h.close());

/** Reopens the server with a logger whose lines are kept. */
async function reopenLogged(): Promise<{ level: number; msg: string }[]> {
  await h.server.app.close();
  await h.server.close();
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  await h.open({ logger: pino({ level: 'info' }, sink) });
  return lines;
}

describe('a scoring server with no production version', () => {
  it('warns at start with what to do: train a model, then promote the newest version', async () => {
    const untrained = await reopenLogged();
    expect(untrained.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      `no version of ${MODEL} is registered yet; /predict answers 503 until one is trained and promoted: amlops train --data FILE`,
    ]);
    await h.publish(trainTestBundle(), 'challenger');
    const trained = await reopenLogged();
    expect(trained.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      `no version of ${MODEL} is in production; /predict answers 503 until one is. The newest is version 1 (challenger). To serve it: amlops models promote ${MODEL} 1 --reason "…"`,
    ]);
    const predicted = await h.server.app.inject({ method: 'POST', url: '/predict', payload: EXAMPLE_BODY });
    expect(predicted.statusCode).toBe(503);
  });

  it('says nothing of the kind once a version is in production', async () => {
    await h.stores.registry.setAlias(MODEL, 'production', '1');
    const serving = await reopenLogged();
    expect(serving.filter((l) => l.level === 40)).toEqual([]);
  });
});
