/** The value types a setting can have. */
export type SettingType = 'string' | 'number' | 'integer' | 'boolean' | 'string-list' | 'enum' | 'json';

/**
 * One setting, declared once: its name (a dotted key as in `amlops.config.json`), type, default,
 * description and environment variable. Validation, `amlops config`, CLI help and
 * `docs/configuration.md` are all derived from these declarations.
 */
export interface SettingSpec {
  readonly type: SettingType;
  /** A `json` setting's default may be any JSON value (a list of objects…). */
  readonly default: string | number | boolean | readonly string[] | readonly object[];
  readonly description: string;
  readonly env: string;
  /** Allowed values of an `enum` setting. */
  readonly values?: readonly string[];
  /** Bounds of a number; `exclusive` makes both bounds exclusive. */
  readonly min?: number;
  readonly max?: number;
  readonly exclusive?: boolean;
  /**
   * Checks a `json` setting's value (JSON-decoded already) or a `string-list` setting's entries,
   * throwing an Error whose message says what is wrong (reported with the setting's name as
   * CONFIG_INVALID). The configuration keeps the value.
   */
  readonly validate?: (value: unknown) => void;
  /** What a `json` or checked `string-list` setting holds, for errors and the docs. */
  readonly shape?: string;
  /**
   * A credential, or a URL that may carry one: printed redacted (a URL keeps its scheme, user, host,
   * port and path, not its password or secret parameters; anything else is `***`), never logged,
   * and readable from the file named by `<env>_FILE`.
   */
  readonly secret?: boolean;
  /** The URL's path and query are secret as well (a webhook's token): printed as scheme and host only. */
  readonly secretPath?: boolean;
}
