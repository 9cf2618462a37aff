/** A scored case's inputs by column name, as readers give them. */
export type CaseInputs = Record<string, string | number | null>;

/** The last `input_names` texts read, parsed: a store holds a few, one per model version's columns. */
const parsedNames = new Map<string, readonly string[]>();

/**
 * The input names of an audit row (its `input_names`, migration 0018), or null for a row whose
 * cases' inputs are objects.
 *
 * @example
 * inputNamesOf('["amount","risk_pld"]'); // ['amount', 'risk_pld']
 */
export function inputNamesOf(text: string | null): readonly string[] | null {
  if (text === null) return null;
  let names = parsedNames.get(text);
  if (!names) {
    names = JSON.parse(text) as string[];
    if (parsedNames.size >= 100) parsedNames.clear();
    parsedNames.set(text, names);
  }
  return names;
}

/**
 * A case's inputs as an object, from its element of its row's `inputs`: an object as it is, or an
 * array of values named by the row's `input_names`.
 *
 * @example
 * caseInputs([12.5, 'HIGH'], ['amount', 'risk_pld']); // { amount: 12.5, risk_pld: 'HIGH' }
 * caseInputs({ amount: 12.5 }, null); // { amount: 12.5 }
 */
export function caseInputs(element: unknown, names: readonly string[] | null): CaseInputs {
  if (!Array.isArray(element) || names === null) return element as CaseInputs;
  const inputs: CaseInputs = {};
  for (let k = 0; k < names.length; k++) inputs[names[k]!] = (element[k] ?? null) as string | number | null;
  return inputs;
}
