/** An API key as sent: `amlops_<id>_<secret>`; the id finds the stored hash, the secret proves it. */
const KEY_TEXT = /^amlops_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The parts of an API key's text. */
export interface ApiKeyParts {
  readonly id: string;
  readonly secret: string;
}

/**
 * The text of a key from its id (16 hex digits) and secret (32 random bytes, base64url).
 *
 * @example
 * apiKeyText({ id: '0f3a9c1b2d4e5f60', secret: 'q3…' }); // 'amlops_0f3a9c1b2d4e5f60_q3…'
 */
export function apiKeyText(parts: ApiKeyParts): string {
  return `amlops_${parts.id}_${parts.secret}`;
}

/**
 * The id and secret of a key's text, or null when the text is not of a key's shape.
 *
 * @example
 * parseApiKeyText('Bearer x'); // null
 */
export function parseApiKeyText(text: string): ApiKeyParts | null {
  const match = KEY_TEXT.exec(text);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}
