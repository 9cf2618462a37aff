/**
 * Least-significant-digit radix sort of 32-bit keys, 8 bits per pass, stable, with a caller-given
 * scratch array of the same length: a few times faster than `TypedArray.prototype.sort` on the
 * quarter-million values binning sorts per feature.
 */
function radixSortKeys(keys: Uint32Array, scratch: Uint32Array): void {
  const n = keys.length;
  const counts = new Int32Array(256);
  let from = keys;
  let to = scratch;
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from[i]! >>> shift) & 255]!++;
    // A digit every key shares orders nothing: skip the pass.
    if (counts[(from[0]! >>> shift) & 255] === n) continue;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = from[i]!;
      to[counts[(key >>> shift) & 255]!++] = key;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== keys) keys.set(from);
}

/**
 * Sorts `values` ascending in place, as `values.sort()` does (the same order, -0 before +0), for
 * values without NaN.
 *
 * @example
 * sortFloat32(Float32Array.of(2, -1, 0.5)); // Float32Array [-1, 0.5, 2]
 */
export function sortFloat32(values: Float32Array): void {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  // Order-preserving keys: negative values have every bit flipped, others only the sign bit.
  for (let i = 0; i < bits.length; i++) {
    const u = bits[i]!;
    bits[i] = u & 0x80000000 ? ~u : u | 0x80000000;
  }
  radixSortKeys(bits, new Uint32Array(bits.length));
  for (let i = 0; i < bits.length; i++) {
    const k = bits[i]!;
    bits[i] = k & 0x80000000 ? k & 0x7fffffff : ~k;
  }
}

/**
 * Sorts `values` ascending in place, as `values.sort()` does.
 *
 * @example
 * sortUint32(Uint32Array.of(3, 1, 2)); // Uint32Array [1, 2, 3]
 */
export function sortUint32(values: Uint32Array): void {
  radixSortKeys(values, new Uint32Array(values.length));
}
