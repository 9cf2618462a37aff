import fc, { type JsonValue } from 'fast-check';
import { NUMBER_WORDS, withKnown, wrongValue } from './hostile-values.js';

type Json = JsonValue;

/** Every place in a JSON value, as the keys and indexes that lead to it. */
function placesIn(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((child, index) => [index, child])
    : value !== null && typeof value === 'object'
      ? Object.entries(value).map(([key, child]) => [key, child ?? null])
      : [];
  return [at, ...children.flatMap(([key, child]) => placesIn(child, [...at, key]))];
}

/** `example` with the value at `place` replaced. */
function replaced(example: Json, place: (string | number)[], value: unknown): unknown {
  if (place.length === 0) return value;
  const [key, ...rest] = place;
  const copy = (Array.isArray(example) ? [...example] : { ...(example as object) }) as Record<string, Json>;
  copy[key as string] = replaced(copy[key as string]!, rest, value) as Json;
  return copy;
}

/** A valid request body with one or two of its values (a column, one cell, a field) of the wrong type. */
function mutatedExample(example: Json): fc.Arbitrary<unknown> {
  const places = placesIn(example).slice(1);
  return fc
    .array(fc.tuple(fc.constantFrom(...places), wrongValue), { minLength: 1, maxLength: 2 })
    .map((changes) =>
      changes.reduce<unknown>((body, [place, value]) => replaced(body as Json, place, value), example),
    );
}

/** Raw JSON text where numbers are the words JSON has no numbers for (`NaN`, `1e999`). */
function rawNumberText(fields: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.subarray(fields, { minLength: 1, maxLength: 4 }), fc.constantFrom(...NUMBER_WORDS))
    .map(([names, word]) => `{${names.map((n) => `"${n}": ${word}, "${n}_list": [${word}]`).join(', ')}}`);
}

/** Bytes that are not UTF-8, alone or inside otherwise valid JSON. */
const invalidUtf8 = fc
  .tuple(
    fc.constantFrom([0xff, 0xfe], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80]),
    fc.constantFrom('', '{"name": "', '["', '{"'),
  )
  .map(([bytes, prefix]) =>
    Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from(prefix ? '"}' : '')]),
  );

/** Values a field plausibly takes: what exists, small numbers, short text, a tag list. */
function plausibleValue(known: readonly string[]): fc.Arbitrary<unknown> {
  return withKnown(
    fc.oneof(
      fc.integer({ min: 0, max: 10 }),
      fc.constantFrom('1', 'x', 'HIGH', 'FINISHED', 'Production', 1_764_255_600_000, true),
      fc.constant([{ key: 'k', value: 'v' }]),
    ),
    known,
  );
}

/**
 * A request body: arbitrary JSON; the route's fields with plausible values and a few of the wrong
 * type; the route's example (when it has one) with one or two values of the wrong type; `NaN` and
 * `1e999` as raw JSON numbers; binary; invalid UTF-8; nothing at all.
 *
 * @example
 * fc.sample(hostileBody(['run_id', 'key', 'value'], [runId], undefined), 3);
 */
export function hostileBody(
  fields: string[],
  known: readonly string[],
  example: Json | undefined,
): fc.Arbitrary<Buffer | undefined> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null');
  const field = fc.constantFrom(...fields);
  const entries = (value: fc.Arbitrary<unknown>, maxLength: number) =>
    fc.uniqueArray(fc.tuple(field, value), { maxLength, selector: ([name]) => name });
  const fieldsWithWrongTypes = fc
    .tuple(entries(plausibleValue(known), 8), entries(withKnown(wrongValue, known), 3))
    .map(([plausible, wrong]) => json(Object.fromEntries([...plausible, ...wrong])));
  return fc.oneof(
    { weight: 2, arbitrary: fc.jsonValue().map(json) },
    { weight: 5, arbitrary: fieldsWithWrongTypes },
    ...(example === undefined ? [] : [{ weight: 5, arbitrary: mutatedExample(example).map(json) }]),
    { weight: 2, arbitrary: rawNumberText(fields).map((text) => Buffer.from(text)) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMBER_WORDS).map((word) => Buffer.from(word)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: fc.constantFrom(undefined, Buffer.alloc(0), Buffer.from('  ')) },
  );
}
