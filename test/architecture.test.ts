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

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('the dependency rule (DESIGN.md)', () => {
  it('src/core imports nothing outside src/core and no I/O module', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('src/core')) {
      for (const spec of imports(file)) {
        const resolved = spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec;
        const ok = spec.startsWith('.') ? resolved.startsWith('src/core/') : false;
        if (!ok) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('services import only core, ports and config (no adapters, http, cli or main)', () => {
    const offences: string[] = [];
    for (const file of sourceFiles('src').filter((f) => f.startsWith('src/services/'))) {
      for (const spec of imports(file)) {
        if (/\/(adapters|http|cli|main)\//.test(spec)) offences.push(`${file} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
