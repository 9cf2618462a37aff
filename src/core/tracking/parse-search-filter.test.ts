import { describe, expect, it } from 'vitest';
import { AmlopsError } from '../errors/index.js';
import { parseOrderBy } from './parse-order-by.js';
import { parseSearchFilter } from './parse-search-filter.js';
import {
  MODEL_VERSION_SEARCH_SCHEMA,
  REGISTERED_MODEL_SEARCH_SCHEMA,
  RUN_SEARCH_SCHEMA,
} from './search-schema.js';

function refusal(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof AmlopsError ? error.code : 'other error';
  }
}

describe('parseSearchFilter', () => {
  it('parses the four kinds of run terms joined by AND, in any letter case', () => {
    const filter = parseSearchFilter(
      "metrics.x > 0.8 and params.p = 'a' AND tags.t LIKE '%x%' and attributes.status = 'FINISHED'",
      RUN_SEARCH_SCHEMA,
    );
    expect(filter.terms).toEqual([
      { entity: 'metric', key: 'x', op: '>', value: 0.8 },
      { entity: 'param', key: 'p', op: '=', value: 'a' },
      { entity: 'tag', key: 't', op: 'LIKE', value: '%x%' },
      { entity: 'attribute', key: 'status', op: '=', value: 'FINISHED' },
    ]);
  });

  it('reads quoted identifiers, dotted keys, doubled quotes, negative and exponent numbers', () => {
    expect(
      parseSearchFilter(
        'metrics.`val loss` <= -1.5e-3 and tags."mlflow.runName" != \'it\'\'s\' and tags.mlflow.user = \'ci\' and params."a""b" = "x"',
        RUN_SEARCH_SCHEMA,
      ).terms,
    ).toEqual([
      { entity: 'metric', key: 'val loss', op: '<=', value: -0.0015 },
      { entity: 'tag', key: 'mlflow.runName', op: '!=', value: "it's" },
      { entity: 'tag', key: 'mlflow.user', op: '=', value: 'ci' },
      { entity: 'param', key: 'a"b', op: '=', value: 'x' },
    ]);
  });

  it('accepts prefix and attribute aliases, IN and NOT IN lists, and an empty filter', () => {
    expect(
      parseSearchFilter("attr.run_id IN ('a', 'b') and run.created > 5", RUN_SEARCH_SCHEMA).terms,
    ).toEqual([
      { entity: 'attribute', key: 'run_id', op: 'IN', value: ['a', 'b'] },
      { entity: 'attribute', key: 'start_time', op: '>', value: 5 },
    ]);
    expect(parseSearchFilter("status NOT IN ('KILLED')", RUN_SEARCH_SCHEMA).terms[0]).toMatchObject({
      op: 'NOT IN',
    });
    expect(parseSearchFilter('  ', RUN_SEARCH_SCHEMA).terms).toEqual([]);
    expect(parseSearchFilter(undefined, RUN_SEARCH_SCHEMA).terms).toEqual([]);
  });

  it('takes unprefixed names as attributes in registry searches', () => {
    expect(
      parseSearchFilter("name LIKE 'consumers%' and tags.tier = 'gold'", REGISTERED_MODEL_SEARCH_SCHEMA)
        .terms,
    ).toEqual([
      { entity: 'attribute', key: 'name', op: 'LIKE', value: 'consumers%' },
      { entity: 'tag', key: 'tier', op: '=', value: 'gold' },
    ]);
    expect(parseSearchFilter('version_number >= 2', MODEL_VERSION_SEARCH_SCHEMA).terms).toEqual([
      { entity: 'attribute', key: 'version', op: '>=', value: 2 },
    ]);
  });

  it.each([
    ["params.p = 'a' OR params.p = 'b'", 'OR is not part of the language'],
    ["params.p = 'a'; DROP TABLE runs", 'statement separator'],
    ["params.p = 'a' -- comment", 'comment'],
    ["params.p = 'a' /* comment */", 'block comment'],
    ['metrics.x > (select 1)', 'sub-query'],
    ["metrics.x > '0.8'", 'string compared with a metric'],
    ['params.p = 0.8', 'number compared with a param'],
    ["metrics.x LIKE '%'", 'LIKE on a metric'],
    ["attributes.secret = 'x'", 'unknown attribute'],
    ["foo.x = 'a'", 'unknown prefix'],
    ["x = 'a'", 'unprefixed run term'],
    ["params.p = 'a' params.q = 'b'", 'missing AND'],
    ["params.p = 'open", 'unterminated string'],
    ['params.p IN ()', 'empty IN list'],
    ["params.p = 'a' and", 'dangling AND'],
    ['metrics.x > 1 and metrics.x', 'missing operator'],
    ["params.p = 'a\u0000'", 'NUL byte'],
    ["metrics.registered_models.name = 'x' UNION SELECT 1", 'union'],
    ["name = 'a'", 'unprefixed name in runs'],
  ])('refuses %j (%s) with USAGE', (filter) => {
    expect(refusal(() => parseSearchFilter(filter, RUN_SEARCH_SCHEMA))).toBe('USAGE');
  });

  it('refuses metric and param terms in registry searches', () => {
    expect(refusal(() => parseSearchFilter('metrics.auc > 1', REGISTERED_MODEL_SEARCH_SCHEMA))).toBe('USAGE');
  });
});

describe('parseOrderBy', () => {
  it('parses identifiers with an optional direction', () => {
    expect(
      parseOrderBy(['metrics.auc DESC', 'attributes.start_time', 'params.`a b` asc'], RUN_SEARCH_SCHEMA),
    ).toEqual([
      { entity: 'metric', key: 'auc', ascending: false },
      { entity: 'attribute', key: 'start_time', ascending: true },
      { entity: 'param', key: 'a b', ascending: true },
    ]);
    expect(parseOrderBy(['start_time DESC'], RUN_SEARCH_SCHEMA)).toEqual([
      { entity: 'attribute', key: 'start_time', ascending: false },
    ]);
  });

  it('refuses anything after the direction', () => {
    expect(refusal(() => parseOrderBy(['metrics.auc DESC, 1'], RUN_SEARCH_SCHEMA))).toBe('USAGE');
    expect(refusal(() => parseOrderBy(['metrics.auc; DROP TABLE runs'], RUN_SEARCH_SCHEMA))).toBe('USAGE');
  });
});
