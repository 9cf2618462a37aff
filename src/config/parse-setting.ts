import { AmlopsError } from '../core/errors/index.js';
import { REDACTED } from '../core/secrets/index.js';
import type { SettingSpec } from './setting-spec.js';
import { SETTINGS, type SettingKey } from './settings.js';

/** Where a value came from, named in error messages. */
export type SettingSource = 'default' | 'file' | 'env' | 'flag';

/** A human description of the values a setting allows, used in errors and in the docs. */
export function allowedValues(spec: SettingSpec): string {
  switch (spec.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'string-list':
      return `a list of strings (JSON array in a file, comma-separated in the environment or a flag)${spec.shape ? `, each ${spec.shape}` : ''}`;
    case 'json':
      return spec.shape ?? 'a JSON value';
    case 'enum':
      return `one of ${(spec.values ?? []).map((v) => `'${v}'`).join(', ')}`;
    case 'number':
    case 'integer': {
      const what = spec.type === 'integer' ? 'an integer' : 'a number';
      const lo = spec.min === undefined ? '' : `${spec.exclusive ? '>' : '>='} ${spec.min}`;
      const hi = spec.max === undefined ? '' : `${spec.exclusive ? '<' : '<='} ${spec.max}`;
      return [what, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
    }
  }
}

function describeSource(key: SettingKey, source: SettingSource): string {
  switch (source) {
    case 'env':
      return `environment variable ${SETTINGS[key].env}`;
    case 'file':
      return `configuration file key "${key}"`;
    case 'flag':
      return 'command-line flag';
    case 'default':
      return 'default';
  }
}

/**
 * Parses and validates one setting's value. Strings (environment, flags) are converted to the
 * setting's type; JSON values (configuration file) must already have it.
 *
 * @example
 * parseSetting('split.testSize', '0.25', 'env'); // 0.25
 * parseSetting('split.testSize', '1.5', 'env');  // throws CONFIG_INVALID naming AMLOPS_SPLIT_TEST_SIZE
 */
export function parseSetting(key: SettingKey, raw: unknown, source: SettingSource): unknown {
  const spec: SettingSpec = SETTINGS[key];
  // A secret's value is never repeated, not even a wrong one: it may be the right secret misplaced.
  const shown = spec.secret ? REDACTED : raw;
  const fail = (): never => {
    throw new AmlopsError(
      'CONFIG_INVALID',
      `invalid value for setting ${key} (${describeSource(key, source)}): got ${JSON.stringify(shown)}; allowed: ${allowedValues(spec)}`,
      { setting: key, source, value: shown, allowed: allowedValues(spec) },
    );
  };
  /** Runs the setting's own check, reporting what it says is wrong. */
  const validated = (value: unknown): unknown => {
    try {
      spec.validate?.(value);
      return value;
    } catch (error) {
      throw new AmlopsError(
        'CONFIG_INVALID',
        `invalid value for setting ${key} (${describeSource(key, source)}): ${(error as Error).message}; allowed: ${allowedValues(spec)}`,
        { setting: key, source, value: shown, allowed: allowedValues(spec) },
      );
    }
  };
  const fromText = typeof raw === 'string' && source !== 'file';
  switch (spec.type) {
    case 'json': {
      let value = raw;
      try {
        if (fromText) value = JSON.parse(raw as string);
      } catch (error) {
        throw new AmlopsError(
          'CONFIG_INVALID',
          `invalid value for setting ${key} (${describeSource(key, source)}): ${(error as Error).message}; allowed: ${allowedValues(spec)}`,
          { setting: key, source, value: shown, allowed: allowedValues(spec) },
        );
      }
      return validated(value);
    }
    case 'string':
      return typeof raw === 'string' ? raw : fail();
    case 'enum':
      return typeof raw === 'string' && spec.values?.includes(raw) ? raw : fail();
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (fromText && (raw === 'true' || raw === '1')) return true;
      if (fromText && (raw === 'false' || raw === '0')) return false;
      return fail();
    }
    case 'string-list': {
      if (Array.isArray(raw) && raw.every((v) => typeof v === 'string' && v !== '')) return validated(raw);
      if (fromText) {
        const list = (raw as string).split(',').map((s) => s.trim());
        return list.every((s) => s !== '') ? validated(list) : fail();
      }
      return fail();
    }
    case 'number':
    case 'integer': {
      let value: number;
      if (typeof raw === 'number') value = raw;
      else if (fromText && (raw as string).trim() !== '') value = Number(raw);
      else return fail();
      if (!Number.isFinite(value)) return fail();
      if (spec.type === 'integer' && !Number.isInteger(value)) return fail();
      if (spec.min !== undefined && (spec.exclusive ? value <= spec.min : value < spec.min)) return fail();
      if (spec.max !== undefined && (spec.exclusive ? value >= spec.max : value > spec.max)) return fail();
      return value;
    }
  }
}
