import { AmlopsError } from '../errors/index.js';

/** Which registered model version to score with: by alias (`production` by default) or by number. */
export type ModelRef =
  | { readonly name: string; readonly alias: string; readonly version?: undefined }
  | { readonly name: string; readonly version: string; readonly alias?: undefined };

/**
 * Reads a model reference: `NAME` (its `production` alias), `NAME@ALIAS` or `NAME/VERSION`.
 * Anything else is SCORING_MODEL_REF_INVALID.
 *
 * @example
 * parseModelRef('consumers-laundering-model@challenger'); // { name: 'consumers-laundering-model', alias: 'challenger' }
 * parseModelRef('consumers-laundering-model/3');          // { name: 'consumers-laundering-model', version: '3' }
 */
export function parseModelRef(text: string, defaultAlias = 'production'): ModelRef {
  const at = text.lastIndexOf('@');
  const slash = text.lastIndexOf('/');
  if (at > 0 && slash < at) {
    const alias = text.slice(at + 1);
    if (/^[A-Za-z0-9_.-]+$/.test(alias)) return { name: text.slice(0, at), alias };
  } else if (slash > 0 && at < 0) {
    const version = text.slice(slash + 1);
    if (/^[1-9][0-9]{0,9}$/.test(version)) return { name: text.slice(0, slash), version };
  } else if (at < 0 && slash < 0 && text.length > 0 && text.length <= 256)
    return { name: text, alias: defaultAlias };
  throw new AmlopsError(
    'SCORING_MODEL_REF_INVALID',
    `model ${JSON.stringify(text)} is not NAME, NAME@ALIAS or NAME/VERSION (a version is a positive number)`,
    { model: text },
  );
}

/**
 * The text form of a reference, as accepted by {@link parseModelRef}.
 *
 * @example
 * formatModelRef({ name: 'm', version: '3' }); // 'm/3'
 */
export function formatModelRef(ref: ModelRef): string {
  return ref.version !== undefined ? `${ref.name}/${ref.version}` : `${ref.name}@${ref.alias}`;
}
