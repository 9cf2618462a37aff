// Builds the web UI (web/src, Preact and uPlot) into dist/web: one script and one style sheet
// named by their content's hash under assets/ (served with a year-long cache), and index.html
// naming them (served uncached). `npm install` runs it through `prepare`; the browser tests call
// buildWeb() into a directory of their own.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/**
 * Builds the UI into `outdir` (replacing what is there) and answers the names of its files.
 *
 * @example
 * await buildWeb('/tmp/web'); // { script: 'main-3F2A….js', style: 'main-9C1B….css' }
 */
export async function buildWeb(outdir = fileURLToPath(new URL('dist/web', root))) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [fileURLToPath(new URL('web/src/main.tsx', root))],
    outdir: `${outdir}/assets`,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const script = outputs.find((name) => name.endsWith('.js'));
  const style = outputs.find((name) => name.endsWith('.css'));
  if (!script || !style)
    throw new Error(`the web build made no script or style sheet: ${outputs.join(', ')}`);
  const template = readFileSync(new URL('web/index.html', root), 'utf8');
  writeFileSync(`${outdir}/index.html`, template.replace('%SCRIPT%', script).replace('%STYLE%', style));
  return { script, style };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWeb();
