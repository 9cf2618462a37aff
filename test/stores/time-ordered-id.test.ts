import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../src/adapters/ids/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const timeOf = (id: string) => Number.parseInt(id.replace('-', '').slice(0, 12), 16);

describe('time-ordered ids', () => {
  it('are UUID version 7 carrying the time in milliseconds, and sort in the order they were made', () => {
    const times = [1_795_813_612_239, 1_795_813_612_239, 1_795_813_612_240, 1_895_813_612_240];
    const ids = times.map((t) => timeOrderedId(t));
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(timeOf(ids[2]!)).toBe(1_795_813_612_240);
    expect([...ids].sort()).toEqual(ids);
  });

  it('differ and keep their order within one millisecond, borrowing the next one after 4096', () => {
    const now = 1_995_813_612_239;
    const ids = Array.from({ length: 5000 }, () => timeOrderedId(now));
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    expect(timeOf(ids[4095]!)).toBe(now);
    expect(timeOf(ids[4096]!)).toBe(now + 1);
  });

  it('keep their order when the clock is set back', () => {
    const later = timeOrderedId(2_095_813_612_239);
    const earlierClock = timeOrderedId(1_000);
    expect(earlierClock > later).toBe(true);
    expect(earlierClock).toMatch(UUID_V7);
  });
});
