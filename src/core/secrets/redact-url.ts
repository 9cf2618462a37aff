/** Shown in place of a secret. */
export const REDACTED = '***';

/**
 * Query parameters that carry a secret: any name containing one of these words
 * (`password`, `sslpassword`, `X-Amz-Signature`, `X-Amz-Credential`, `api_key`, `access_token`…),
 * or one of the short names some services use (`sig` of a SAS URL, `pwd`).
 */
const SECRET_WORDS = /pass|secret|token|key|signature|credential/i;
const SECRET_NAMES = new Set(['sig', 'pwd', 'auth']);

/** True when a query parameter (or fragment parameter) named `name` carries a secret. */
export function isSecretParameter(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {}
  return SECRET_WORDS.test(decoded) || SECRET_NAMES.has(decoded.toLowerCase());
}

function redactParameters(part: string): string {
  return part
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at > 0 && isSecretParameter(pair.slice(0, at)) ? `${pair.slice(0, at + 1)}${REDACTED}` : pair;
    })
    .join('&');
}

// scheme://[userinfo@]rest[?query][#fragment]; the userinfo runs to the last '@' before the path.
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^/?#]*)@)?([^?#]*)(\?[^#]*)?(#.*)?$/is;

/**
 * A URL with its secrets replaced by `***`: the password of `user:password@` and every query or
 * fragment parameter that carries one (see {@link isSecretParameter}). The rest (scheme, user,
 * host, port, path, other parameters) is kept as written, so that the result still says where.
 * A string that is not a `scheme://` URL comes back unchanged.
 *
 * @example
 * redactUrl('postgres://amlops:pw@db:5432/amlops?sslpassword=x&sslmode=require');
 * // 'postgres://amlops:***@db:5432/amlops?sslpassword=***&sslmode=require'
 */
export function redactUrl(url: string): string {
  const match = URL_PARTS.exec(url);
  if (!match) return url;
  const [, scheme, userinfo, rest, query, fragment] = match;
  let out = scheme!;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    out += colon < 0 ? `${userinfo}@` : `${userinfo.slice(0, colon)}:${REDACTED}@`;
  }
  out += rest!;
  if (query) out += `?${redactParameters(query.slice(1))}`;
  if (fragment) out += `#${redactParameters(fragment.slice(1))}`;
  return out;
}
