// Writes the generated reference docs (docs/configuration.md, docs/errors.md, docs/roles.md) from their sources.
import { writeFileSync } from 'node:fs';
import { renderConfigurationDoc } from '../src/config/index.js';
import { renderErrorsDoc } from '../src/core/errors/index.js';
import { renderRolesDoc } from '../src/http/auth/render-roles-doc.js';

const docs: Record<string, string> = {
  'docs/configuration.md': renderConfigurationDoc(),
  'docs/errors.md': renderErrorsDoc(),
  'docs/roles.md': renderRolesDoc(),
};
for (const [path, text] of Object.entries(docs)) {
  writeFileSync(new URL(`../${path}`, import.meta.url), text);
  process.stdout.write(`wrote ${path}\n`);
}
