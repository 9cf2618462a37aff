import { useEffect, useState } from 'preact/hooks';

/** A page's place: its path segments after `#/`, and its query. */
export interface Place {
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

function placeOf(hash: string): Place {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return {
    segments: path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent),
    query: new URLSearchParams(query),
  };
}

/**
 * The current place, from the URL's fragment (`#/runs/abc?filter=…`): pages are linked and
 * bookmarked without the server knowing them, and nothing secret ever goes in it.
 *
 * @example
 * const { segments: [page = 'overview', id] } = usePlace();
 */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => placeOf(location.hash));
  useEffect(() => {
    const onChange = () => setPlace(placeOf(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return place;
}

/** The link to a place: `href('runs', id)` is `#/runs/<id>`. */
export function href(...segments: readonly string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** Goes to a place with a query, replacing the current entry when only the query changes. */
export function navigate(segments: readonly string[], query?: Record<string, string>): void {
  const search = query
    ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString()
    : '';
  const target = `${href(...segments)}${search ? `?${search}` : ''}`;
  if (target !== location.hash) location.hash = target;
}
