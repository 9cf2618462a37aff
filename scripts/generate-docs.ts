// Writes the generated reference docs (docs/configuration.md, docs/errors.md) from their sources.
import { writeFileSync } from 'node:fs';
import { renderConfigurationDoc } from '../src/config/index.js';
import { renderErrorsDoc } from '../src/core/errors/index.js';

const docs: Record<string, string> = {
  'docs/configuration.md': renderConfigurationDoc(),
  'docs/errors.md': renderErrorsDoc(),
};
for (const [path, text] of Object.entries(docs)) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  process.stdout.write(`wrote ${path}\n`);
}
