import { redactUrl } from './redact-url.js';

// A URL in running text ends at white space, a quote or a bracket.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}]+/gi;

/**
 * Text (an error message, a log line) with every `scheme://` URL in it redacted by
 * {@link redactUrl}: the last line of defence of the error boundaries, for a message that quotes a
 * URL it was given.
 *
 * @example
 * redactUrlsInText('cannot open postgres://u:pw@db/amlops: timeout');
 * // 'cannot open postgres://u:***@db/amlops: timeout'
 */
export function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}
