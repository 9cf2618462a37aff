import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** The repository's `deploy/` directory. */
export const DEPLOY_DIR = fileURLToPath(new URL('../../deploy/', import.meta.url));

/**
 * Every file under `deploy/`, as paths relative to it (`nginx/amlops.conf`), but the git-ignored
 * secret files of `deploy/secrets/` that an operator makes.
 *
 * @example
 * deployFiles().filter((f) => f.startsWith('kubernetes/'));
 */
export function deployFiles(): string[] {
  return readdirSync(DEPLOY_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(DEPLOY_DIR, join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith('secrets/') || file === 'secrets/.gitignore')
    .sort();
}

/** The text of a file under `deploy/`. */
export function readDeployFile(file: string): string {
  return readFileSync(join(DEPLOY_DIR, file), 'utf8');
}

/**
 * Every YAML document of a file under `deploy/`, parsed with merge keys (`<<: *anchor`) as Docker
 * Compose reads them; a syntax error throws naming the file.
 *
 * @example
 * const [compose] = yamlDocuments('compose.yaml');
 */
export function yamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readDeployFile(file), { merge: true }).map((document) => {
    if (document.errors.length > 0) throw new Error(`deploy/${file}: ${document.errors[0]?.message}`);
    return document.toJS();
  });
}
