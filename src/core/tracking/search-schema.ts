import type { FilterEntity, FilterOperator } from './search-filter.js';

/** How one kind of term is typed: numbers or strings, and which operators it allows. */
export interface TermRule {
  readonly valueKind: 'number' | 'string';
  readonly ops: readonly FilterOperator[];
}

/**
 * What a search over one kind of entity accepts: prefixes naming each term kind, the attributes
 * (with their canonical names) and the rule for metrics, params and tags.
 */
export interface SearchSchema {
  readonly subject: string;
  /** `metrics` → `metric`, `attr` → `attribute`… Only entities listed here may be used. */
  readonly prefixes: Readonly<Record<string, FilterEntity>>;
  /** Entity of a term without a prefix (`name = 'x'` in model searches), if allowed. */
  readonly unprefixed?: FilterEntity;
  /** Attribute names accepted (aliases included) → canonical name. */
  readonly attributeNames: Readonly<Record<string, string>>;
  /** Rule of each canonical attribute. */
  readonly attributes: Readonly<Record<string, TermRule>>;
  readonly metric?: TermRule;
  readonly param?: TermRule;
  readonly tag?: TermRule;
}

const NUMBER_OPS: readonly FilterOperator[] = ['=', '!=', '>', '>=', '<', '<='];
const STRING_OPS: readonly FilterOperator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const ID_OPS: readonly FilterOperator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];
const number: TermRule = { valueKind: 'number', ops: NUMBER_OPS };
const string: TermRule = { valueKind: 'string', ops: STRING_OPS };
const id: TermRule = { valueKind: 'string', ops: ID_OPS };

/** `search-runs`: `metrics.`, `params.`, `tags.` and `attributes.` terms, as in MLflow. */
export const RUN_SEARCH_SCHEMA: SearchSchema = {
  subject: 'runs',
  prefixes: {
    metric: 'metric',
    metrics: 'metric',
    param: 'param',
    params: 'param',
    parameter: 'param',
    parameters: 'param',
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
    attr: 'attribute',
    run: 'attribute',
  },
  attributeNames: {
    status: 'status',
    run_name: 'run_name',
    run_id: 'run_id',
    run_uuid: 'run_id',
    user_id: 'user_id',
    artifact_uri: 'artifact_uri',
    start_time: 'start_time',
    created: 'start_time',
    Created: 'start_time',
    end_time: 'end_time',
  },
  attributes: {
    status: id,
    run_name: string,
    run_id: id,
    user_id: string,
    artifact_uri: string,
    start_time: number,
    end_time: number,
  },
  metric: number,
  param: string,
  tag: string,
};

/** `search-experiments`: `name`, times and `tags.`. */
export const EXPERIMENT_SEARCH_SCHEMA: SearchSchema = {
  subject: 'experiments',
  prefixes: { tag: 'tag', tags: 'tag', attribute: 'attribute', attributes: 'attribute', attr: 'attribute' },
  unprefixed: 'attribute',
  attributeNames: {
    name: 'name',
    creation_time: 'creation_time',
    last_update_time: 'last_update_time',
    experiment_id: 'experiment_id',
  },
  attributes: { name: string, creation_time: number, last_update_time: number, experiment_id: id },
  tag: string,
};

/** `search-registered-models`: `name` and `tags.`. */
export const REGISTERED_MODEL_SEARCH_SCHEMA: SearchSchema = {
  subject: 'registered models',
  prefixes: { tag: 'tag', tags: 'tag', attribute: 'attribute', attributes: 'attribute' },
  unprefixed: 'attribute',
  attributeNames: {
    name: 'name',
    creation_timestamp: 'creation_time',
    last_updated_timestamp: 'last_updated_time',
  },
  attributes: { name: string, creation_time: number, last_updated_time: number },
  tag: string,
};

/** `search-model-versions`: `name`, `run_id`, `source_path`, `version_number` and `tags.`. */
export const MODEL_VERSION_SEARCH_SCHEMA: SearchSchema = {
  subject: 'model versions',
  prefixes: { tag: 'tag', tags: 'tag', attribute: 'attribute', attributes: 'attribute' },
  unprefixed: 'attribute',
  attributeNames: {
    name: 'name',
    run_id: 'run_id',
    source_path: 'source',
    source: 'source',
    version_number: 'version',
    version: 'version',
    current_stage: 'current_stage',
    creation_timestamp: 'creation_time',
    last_updated_timestamp: 'last_updated_time',
  },
  attributes: {
    name: string,
    run_id: id,
    source: string,
    version: number,
    current_stage: id,
    creation_time: number,
    last_updated_time: number,
  },
  tag: string,
};
