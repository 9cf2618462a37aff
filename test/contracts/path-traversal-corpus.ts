/**
 * Artifact paths that must never reach the filesystem or an object key: the tricks of MLflow's
 * path-traversal CVEs (CVE-2023-1177, -2356, -6909, -6975, -6976, CVE-2024-1558, -1560, -1594, -3573).
 */
export const TRAVERSAL_PATHS: readonly string[] = [
  '../outside.txt',
  '..\\outside.txt',
  'a/../../outside.txt',
  'a\\..\\..\\outside.txt',
  '..',
  './..',
  'a/b/../../..',
  '%2e%2e%2foutside.txt',
  '%2E%2E%2Foutside.txt',
  '%2e%2e/outside.txt',
  '..%2foutside.txt',
  '..%5coutside.txt',
  'a/%2e%2e/%2e%2e/outside.txt',
  '%252e%252e%252foutside.txt',
  '%25252e%25252e%25252foutside.txt',
  '/etc/passwd',
  '\\etc\\passwd',
  '%2fetc%2fpasswd',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  'file:///etc/passwd',
  'a;b/outside.txt',
  'model;jsessionid=1/../outside.txt',
  'x\u0000.txt',
  'a%00.txt',
];

/** Artifact locations (experiment roots, model-version sources) that must be refused. */
export const TRAVERSAL_LOCATIONS: readonly string[] = [
  'http:///#/../../../../etc',
  'http://localhost/#/../../etc',
  'https://example.com/a?x=../../etc',
  'file:///srv/artifacts/../../etc',
  'file:///srv/artifacts/%2e%2e/%2e%2e/etc',
  'file:///srv/artifacts/%252e%252e%252fetc',
  'file://evil.example.com/etc/passwd',
  's3://bucket/prefix/../other',
  's3://bucket/prefix;x=1/model',
  'runs:/0123456789abcdef0123456789abcdef/../../../etc',
  '/srv/artifacts/..\\..\\etc',
  'ftp://example.com/model',
  'file:///srv/artifacts/model\u0000',
];
