/**
 * Where a URL points, and nothing that may be secret: its host and port, without the user,
 * password, path or query. A string that is not a `scheme://` URL gives `undefined`.
 *
 * @example
 * urlHost('http://minio:secret@127.0.0.1:9000/bucket?X-Amz-Signature=…'); // '127.0.0.1:9000'
 */
export function urlHost(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/?#]*)/i.exec(url);
  return match?.[1] || undefined;
}
