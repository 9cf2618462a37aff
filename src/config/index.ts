export { DEFAULT_CONFIG_FILE, type LoadConfigOptions, loadConfig } from './load-config.js';
export { allowedValues, parseSetting, type SettingSource } from './parse-setting.js';
export { configToNestedJson, redactValue } from './redact-config.js';
export { renderConfigurationDoc } from './render-configuration-doc.js';
export { type ConfigInputs, type ResolvedConfig, resolveConfig, SETTING_KEYS } from './resolve-config.js';
export { setFileSettings } from './set-file-settings.js';
export type { SettingSpec, SettingType } from './setting-spec.js';
export { type Config, SETTINGS, type SettingKey } from './settings.js';
export { artifactRootOf, databaseUrlOf } from './store-locations.js';
