import type { FastifyRequest } from 'fastify';
import { AmlopsError } from '../../core/errors/index.js';
import type { Tag } from '../../core/tracking/index.js';
import { decodeDouble } from './json-double.js';

const SEE_DOCS = ' See the API docs for more information about request parameters.';

function missing(name: string): never {
  throw new AmlopsError('USAGE', `Missing value for required parameter '${name}'.${SEE_DOCS}`);
}

function invalid(name: string, value: unknown, why: string): never {
  const shown = typeof value === 'string' ? `'${value.slice(0, 200)}'` : JSON.stringify(value)?.slice(0, 200);
  throw new AmlopsError(
    'USAGE',
    `Invalid value ${shown} for parameter '${name}' supplied: ${why}.${SEE_DOCS}`,
  );
}

/** Strips the `[]` / `[0]` suffixes some MLflow clients put on repeated query keys. */
function queryKey(key: string): string {
  return key.replace(/\[\d*\]$/, '');
}

function fromQuery(query: unknown): Record<string, unknown> {
  // No prototype: a `__proto__` query key must stay a key like any other.
  const values: Record<string, unknown> = Object.create(null);
  for (const [rawKey, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const key = queryKey(rawKey);
    const previous = values[key];
    if (previous === undefined && key === rawKey) {
      values[key] = value;
    } else {
      const before = previous === undefined ? [] : Array.isArray(previous) ? previous : [previous];
      values[key] = [...before, ...(Array.isArray(value) ? value : [value])];
    }
  }
  return values;
}

function fromBody(body: unknown): Record<string, unknown> {
  let value = body;
  // Older MLflow clients post their JSON double-encoded as a string.
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new AmlopsError('HTTP_INVALID_JSON', 'the request body is not a JSON object');
    }
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new AmlopsError('HTTP_INVALID_JSON', 'the request body is not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * The parameters of one MLflow request, read the way MLflow's server reads them: from the query
 * string for GET (repeated keys for lists), from the JSON body otherwise (and, for DELETE and PATCH,
 * from the query string too, which some clients use). Typed accessors refuse missing or malformed
 * values with MLflow's messages (USAGE → 400 INVALID_PARAMETER_VALUE). Unknown fields are ignored,
 * as MLflow does.
 *
 * @example
 * const params = RequestParams.of(request);
 * const runId = params.runId(); // run_id, or run_uuid from older clients
 * const step = params.optionalInteger('step') ?? 0;
 */
export class RequestParams {
  readonly #values: Record<string, unknown>;
  /** Query-string values are all text; JSON values are typed. */
  readonly #textual: boolean;

  constructor(values: Record<string, unknown>, textual: boolean) {
    this.#values = values;
    this.#textual = textual;
  }

  static of(request: FastifyRequest): RequestParams {
    if (request.method === 'GET' || request.method === 'HEAD')
      return new RequestParams(fromQuery(request.query), true);
    const body = fromBody(request.body);
    if (request.method === 'DELETE' || request.method === 'PATCH')
      return new RequestParams({ ...fromQuery(request.query), ...body }, false);
    return new RequestParams(body, false);
  }

  #get(name: string): unknown {
    return Object.hasOwn(this.#values, name) ? this.#values[name] : undefined;
  }

  #scalar(name: string): unknown {
    const value = this.#get(name);
    if (this.#textual && Array.isArray(value)) {
      if (value.length === 1) return value[0];
      invalid(name, value, 'expected a single value');
    }
    return value;
  }

  optionalString(name: string): string | undefined {
    const value = this.#scalar(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    // Protobuf's JSON reader takes numbers for string ids (experiment_id: 1, version: 3).
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    invalid(name, value, 'expected a string');
  }

  /** A required string; an empty string counts as missing, as in MLflow (proto3 defaults). */
  string(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') missing(name);
    return value;
  }

  /** `run_id`, or `run_uuid` as older clients send it. */
  runId(): string {
    const value = this.optionalString('run_id') || this.optionalString('run_uuid');
    if (!value) missing('run_id');
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const value = this.#scalar(name);
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'string' && /^[+-]?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number))
      invalid(name, value, 'expected an integer');
    return number;
  }

  integer(name: string): number {
    const value = this.optionalInteger(name);
    if (value === undefined) missing(name);
    return value;
  }

  /** A double: a JSON number, or `"NaN"`, `"Infinity"`, `"-Infinity"` and numeric text as protobuf writes them. */
  double(name: string): number {
    const value = this.#scalar(name);
    if (value === undefined || value === null || value === '') missing(name);
    const number = decodeDouble(value);
    if (number === undefined) invalid(name, value, 'expected a number');
    return number;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.#scalar(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'True') return true;
    if (value === 'false' || value === 'False') return false;
    invalid(name, value, 'expected true or false');
  }

  boolean(name: string): boolean {
    const value = this.optionalBoolean(name);
    if (value === undefined) missing(name);
    return value;
  }

  /** A repeated string field; absent is empty. */
  stringList(name: string): string[] {
    const value = this.#get(name);
    if (value === undefined || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item): string => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' && Number.isFinite(item)) return String(item);
      return invalid(name, item, 'expected a list of strings');
    });
  }

  /** A repeated message field (JSON only): a list of objects. */
  objects(name: string): Record<string, unknown>[] {
    const value = this.#get(name);
    if (value === undefined || value === null) return [];
    if (this.#textual || !Array.isArray(value)) invalid(name, value, 'expected a JSON list');
    return value.map((item) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        invalid(name, item, 'expected a list of objects');
      return item as Record<string, unknown>;
    });
  }

  /** `tags: [{key, value}]`, each key present and each value a string. */
  tags(name = 'tags'): Tag[] {
    return this.objects(name).map((item) => {
      const tag = new RequestParams(item, false);
      return { key: tag.string('key'), value: tag.optionalString('value') ?? '' };
    });
  }

  /** One of the names of a protobuf enum, or its number as protobuf's JSON reader accepts. */
  optionalEnum<T extends string>(
    name: string,
    names: readonly T[],
    numbers: Readonly<Record<number, T>>,
  ): T | undefined {
    const value = this.#scalar(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' && (names as readonly string[]).includes(value)) return value as T;
    const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number === 'number' && numbers[number] !== undefined) return numbers[number];
    invalid(name, value, `expected one of ${names.join(', ')}`);
  }
}
