import type { CaseColumn, ScoredCases } from '../../core/quality/quality-table-from-cases.js';

/**
 * Scored cases read in parts (newest part first) as one, up to `limit` cases: numbers concatenated,
 * categories recoded onto one list of labels, a column missing from a part missing in its rows, and
 * a column numeric in one part and categorical in another taken as categories.
 *
 * @example
 * concatScoredCases([newest, older], 1_000_000).rows; // newest.rows + older.rows, at most 1e6
 */
export function concatScoredCases(parts: readonly ScoredCases[], limit: number): ScoredCases {
  const counts: number[] = [];
  let rows = 0;
  for (const part of parts) {
    const take = Math.min(part.rows, limit - rows);
    counts.push(take);
    rows += take;
  }
  const names = new Set(parts.flatMap((p) => [...p.inputs.keys()]));
  const inputs = new Map<string, CaseColumn>();
  for (const name of names) {
    const columns = parts.map((p) => p.inputs.get(name));
    if (columns.every((c) => c === undefined || c.kind === 'numeric')) {
      const values = new Float64Array(rows).fill(Number.NaN);
      let at = 0;
      columns.forEach((c, i) => {
        if (c?.kind === 'numeric') values.set(c.values.subarray(0, counts[i]!), at);
        at += counts[i]!;
      });
      inputs.set(name, { kind: 'numeric', values });
      continue;
    }
    const codes = new Int32Array(rows).fill(-1);
    const labels: string[] = [];
    const index = new Map<string, number>();
    const codeOf = (text: string) => {
      let code = index.get(text);
      if (code === undefined) {
        code = labels.length;
        index.set(text, code);
        labels.push(text);
      }
      return code;
    };
    let at = 0;
    columns.forEach((c, i) => {
      const n = counts[i]!;
      if (c?.kind === 'categorical') {
        const recode = Int32Array.from(c.labels, codeOf);
        for (let row = 0; row < n; row++) {
          const code = c.codes[row]!;
          if (code >= 0) codes[at + row] = recode[code]!;
        }
      } else if (c?.kind === 'numeric')
        for (let row = 0; row < n; row++) {
          const value = c.values[row]!;
          if (!Number.isNaN(value)) codes[at + row] = codeOf(String(value));
        }
      at += n;
    });
    inputs.set(name, { kind: 'categorical', codes, labels });
  }
  const scores = new Float64Array(rows);
  let at = 0;
  parts.forEach((p, i) => {
    scores.set(p.scores.subarray(0, counts[i]!), at);
    at += counts[i]!;
  });
  return { rows, inputs, scores };
}
