export { PLATFORM_API_PREFIX, platformApi } from './platform-api.js';
export type { PlatformApiOptions } from './platform-api-options.js';
