import { AmlopsError } from '../errors/index.js';
import type { FilterEntity } from './search-filter.js';
import type { SearchSchema } from './search-schema.js';
import type { SearchToken } from './search-token.js';

/** A parsed identifier: which kind of term and its key (canonical for attributes). */
export interface SearchIdentifier {
  readonly entity: FilterEntity;
  readonly key: string;
}

/**
 * A read position over tokens, shared by the filter and order-by parsers: identifiers are read the
 * same way in both (`metrics.x`, ``params.`a b` ``, `tags."mlflow.runName"`, `status`).
 *
 * @example
 * const cursor = new SearchCursor(text, tokenizeSearch(text), RUN_SEARCH_SCHEMA);
 * cursor.identifier(); // { entity: 'metric', key: 'roc_auc' }
 */
export class SearchCursor {
  readonly text: string;
  readonly tokens: readonly SearchToken[];
  readonly schema: SearchSchema;
  index = 0;

  constructor(text: string, tokens: readonly SearchToken[], schema: SearchSchema) {
    this.text = text;
    this.tokens = tokens;
    this.schema = schema;
  }

  peek(): SearchToken | undefined {
    return this.tokens[this.index];
  }

  next(): SearchToken | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  /** True (and consumed) when the next token is the keyword `word`, in any letter case. */
  keyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind === 'word' && token.text.toUpperCase() === word) {
      this.index += 1;
      return true;
    }
    return false;
  }

  fail(why: string, token: SearchToken | undefined = this.peek()): never {
    const where = token ? `at character ${token.at + 1}` : 'at the end';
    throw new AmlopsError('USAGE', `invalid ${this.schema.subject} search expression ${where}: ${why}`, {
      expression: this.text,
    });
  }

  identifier(): SearchIdentifier {
    const first = this.next();
    if (first === undefined) this.fail('expected an identifier', first);
    const dot = this.peek();
    if (first.kind === 'word' && dot?.kind === 'punct' && dot.text === '.') {
      const entity = this.schema.prefixes[first.text.toLowerCase()];
      if (!entity)
        this.fail(
          `unknown prefix '${first.text}'; expected one of ${Object.keys(this.schema.prefixes).join(', ')}`,
          first,
        );
      this.index += 1;
      return this.#checked(entity, this.#key());
    }
    if (!this.schema.unprefixed) {
      if (first.kind === 'word' && this.schema.attributeNames[first.text])
        return this.#checked('attribute', first.text);
      this.fail('expected an identifier such as metrics.<key>, params.<key>, tags.<key>', first);
    }
    if (first.kind === 'word' || (first.kind === 'quoted' && first.quote !== "'"))
      return this.#checked(this.schema.unprefixed, first.text);
    this.fail('expected an identifier', first);
  }

  #key(): string {
    const token = this.next();
    if (token?.kind === 'quoted' && token.quote !== "'") return token.text;
    if (token?.kind !== 'word') this.fail('expected a key after the prefix', token);
    let key = token.text;
    for (;;) {
      const dot = this.peek();
      const after = this.tokens[this.index + 1];
      if (dot?.kind === 'punct' && dot.text === '.' && after?.kind === 'word') {
        key += `.${after.text}`;
        this.index += 2;
      } else {
        return key;
      }
    }
  }

  #checked(entity: FilterEntity, key: string): SearchIdentifier {
    if (key.length === 0) this.fail('empty key');
    if (entity !== 'attribute') {
      if (!this.schema[entity])
        this.fail(`${entity} terms are not supported in ${this.schema.subject} searches`);
      return { entity, key };
    }
    const canonical = this.schema.attributeNames[key];
    if (!canonical)
      this.fail(
        `unknown attribute '${key}'; expected one of ${Object.keys(this.schema.attributeNames).join(', ')}`,
      );
    return { entity, key: canonical };
  }
}
