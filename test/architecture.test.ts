import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** What a file imports: static imports and re-exports, and `import('…')` (loaded when used, still a dependency). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!),
  ];
}

/** The repository path a relative import points at (`src/core/…`), or the package name as written. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec;
}

/** `file imports spec` for each import of a file under `dir` that `allowed` refuses. */
function offences(dir: string, allowed: (target: string, spec: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) =>
    imports(file)
      .filter((spec) => !allowed(target(file, spec), spec))
      .map((spec) => `${file} imports ${spec}`),
  );
}

/** True when a relative import lands in one of these layers of src (`core`, `ports`…). */
const inLayers =
  (...layers: string[]) =>
  (to: string, spec: string): boolean =>
    spec.startsWith('.') && layers.some((layer) => to.startsWith(`src/${layer}/`));

/** True unless a relative import lands in one of these layers of src. */
const notInLayers =
  (...layers: string[]) =>
  (to: string, spec: string): boolean =>
    !inLayers(...layers)(to, spec);

// Arrows point down: core <- ports <- adapters/services <- pipelines <- http/cli <- main (CONVENTIONS.md 15).
describe('the dependency rule (DESIGN.md)', () => {
  it('src/core imports nothing outside src/core and no I/O module', () => {
    expect(offences('src/core', inLayers('core'))).toEqual([]);
  });

  it('src/ports import only src/core and other ports (no package, no layer above)', () => {
    expect(offences('src/ports', inLayers('core', 'ports'))).toEqual([]);
  });

  it('services import only core, ports and config (no adapters, pipelines, http, cli or main)', () => {
    expect(offences('src/services', notInLayers('adapters', 'pipelines', 'http', 'cli', 'main'))).toEqual([]);
  });

  it('adapters import no pipelines, http, cli or main', () => {
    expect(offences('src/adapters', notInLayers('pipelines', 'http', 'cli', 'main'))).toEqual([]);
  });

  it('pipelines import no http, cli or main', () => {
    expect(offences('src/pipelines', notInLayers('http', 'cli', 'main'))).toEqual([]);
  });

  it('src/http and src/cli never import src/main (the composition root passes them what they start)', () => {
    expect([
      ...offences('src/http', notInLayers('cli', 'main')),
      ...offences('src/cli', notInLayers('main')),
    ]).toEqual([]);
  });
});
