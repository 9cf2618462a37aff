export { isSecretParameter, REDACTED, redactUrl } from './redact-url.js';
export { redactUrlsInText } from './redact-urls-in-text.js';
export { resolveSecretFiles } from './resolve-secret-files.js';
export { urlHost } from './url-host.js';
