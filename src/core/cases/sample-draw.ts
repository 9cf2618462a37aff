/** 2^-53: turns a 53-bit hash into a number in [0, 1). */
const UNIT = 1 / 2 ** 53;

/**
 * A scored case's draw for `cases.sampleRate`, uniform in [0, 1) and the same every time for the
 * same request id and row (a 53-bit hash of `requestId#row`, cyrb53), so that a writer replaying a
 * spool file after a crash samples exactly the cases it sampled before.
 *
 * @example
 * sampleDraw('0193a1b2-…', 0) < 0.05; // this case is in a 5% sample, always
 */
export function sampleDraw(requestId: string, row: number): number {
  let h1 = 0xdeadbeef ^ row;
  let h2 = 0x41c6ce57 ^ row;
  for (let i = 0; i < requestId.length; i++) {
    const c = requestId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)) * UNIT;
}
