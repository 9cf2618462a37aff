import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../src/http/scoring/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered request ids', () => {
  it('are UUID version 7 carrying the time in milliseconds, and sort in the order they were made', () => {
    const times = [1_795_813_612_239, 1_795_813_612_239, 1_795_813_612_240, 1_895_813_612_240, 0];
    const ids = times.map((t) => timeOrderedId(t));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(ids[2]!.replace('-', '').slice(0, 12), 16)).toBe(1_795_813_612_240);
    expect(ids[4]!.startsWith('00000000-0000-7')).toBe(true);
    const distinctTimes = [ids[0]!, ids[2]!, ids[3]!];
    expect([...distinctTimes].sort()).toEqual(distinctTimes);
  });

  it('differ within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => timeOrderedId(1_795_813_612_239));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(0, 15))).size).toBe(1);
  });
});
