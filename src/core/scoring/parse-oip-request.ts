import { AmlopsError } from '../errors/index.js';
import { type ColumnarInput, columnarInput } from './columnar-input.js';
import { describe } from './columns-from-object.js';
import { isPlainObject } from './is-plain-object.js';

/** An Open Inference Protocol v2 inference request: its cases (one tensor per column) and its id. */
export interface OipRequest {
  readonly id: string | undefined;
  readonly input: ColumnarInput;
}

const DATATYPES = new Set([
  'BOOL',
  'UINT8',
  'UINT16',
  'UINT32',
  'UINT64',
  'INT8',
  'INT16',
  'INT32',
  'INT64',
  'FP16',
  'FP32',
  'FP64',
  'BYTES',
]);

/**
 * Reads an OIP v2 (KServe, Seldon, Triton) inference request: `inputs` is a list of tensors
 * `{name, shape, datatype, data}`, each one input column of shape `[n]` or `[n, 1]`; `data` may be
 * flat or nested. `BYTES` tensors carry category labels as strings.
 *
 * @example
 * parseOipRequest({ inputs: [{ name: 'risk_pld', shape: [1], datatype: 'BYTES', data: ['HIGH'] }] }).input.rowCount; // 1
 */
export function parseOipRequest(body: unknown): OipRequest {
  if (!isPlainObject(body) || !Array.isArray(body.inputs))
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      'the body must be an inference request {"inputs": [{"name", "shape", "datatype", "data"}, …]}',
    );
  if (body.id !== undefined && typeof body.id !== 'string')
    throw new AmlopsError('SCORING_INPUT_INVALID', `"id" must be a string; got ${describe(body.id)}`);
  const entries = body.inputs.map((tensor, i) => readTensor(tensor, i));
  return { id: body.id as string | undefined, input: columnarInput(entries) };
}

function readTensor(tensor: unknown, i: number): [string, readonly unknown[]] {
  const where = `inputs[${i}]`;
  if (!isPlainObject(tensor) || typeof tensor.name !== 'string' || tensor.name === '')
    throw new AmlopsError('SCORING_INPUT_INVALID', `${where} must be a tensor with a non-empty "name"`);
  const name = tensor.name;
  if (typeof tensor.datatype !== 'string' || !DATATYPES.has(tensor.datatype))
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `${where} (${name}) has datatype ${describe(tensor.datatype)}; expected one of ${[...DATATYPES].join(', ')}`,
      { input: name },
    );
  const shape = tensor.shape;
  if (
    !Array.isArray(shape) ||
    shape.length < 1 ||
    shape.length > 2 ||
    !shape.every((d) => Number.isInteger(d) && d >= 0) ||
    (shape.length === 2 && shape[1] !== 1)
  )
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `${where} (${name}) has shape ${JSON.stringify(shape)}; one column is [n] or [n, 1]`,
      { input: name },
    );
  if (!Array.isArray(tensor.data))
    throw new AmlopsError('SCORING_INPUT_INVALID', `${where} (${name}) needs "data" as an array`, {
      input: name,
    });
  const data = tensor.data.some(Array.isArray) ? tensor.data.flat(2) : tensor.data;
  if (data.length !== shape[0])
    throw new AmlopsError(
      'SCORING_INPUT_INVALID',
      `${where} (${name}) has ${data.length} values; its shape ${JSON.stringify(shape)} says ${shape[0]}`,
      { input: name },
    );
  return [name, data];
}
