import { AmlopsError } from '../errors/index.js';
import type { SearchToken } from './search-token.js';

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

function refuse(text: string, at: number, why: string): never {
  throw new AmlopsError('USAGE', `invalid search expression at character ${at + 1}: ${why}`, {
    expression: text,
    position: at,
  });
}

/**
 * Splits a filter or order-by expression into tokens. Anything outside the language (`;`, `--`,
 * `/*`, unbalanced quotes) is refused here, before any parsing.
 *
 * @example
 * tokenizeSearch("params.p = 'a'").map((t) => t.kind); // ['word', 'punct', 'word', 'op', 'quoted']
 */
export function tokenizeSearch(text: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
    } else if (c === "'" || c === '"' || c === '`') {
      // A quote is escaped by doubling it, as in SQL.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) refuse(text, i, `unterminated ${c}-quoted text`);
        if (text[j] === c) {
          if (text[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      if (value.includes('\u0000')) refuse(text, i, 'NUL character in quoted text');
      tokens.push({ kind: 'quoted', quote: c, text: value, at: i });
      i = j + 1;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < text.length && WORD_PART.test(text[j]!)) j += 1;
      tokens.push({ kind: 'word', text: text.slice(i, j), at: i });
      i = j;
    } else if (
      /[0-9+\-.]/.test(c) &&
      NUMBER.test(text.slice(i)) &&
      !(c === '.' && tokens.at(-1)?.kind === 'word')
    ) {
      const match = NUMBER.exec(text.slice(i))![0];
      tokens.push({ kind: 'number', value: Number(match), at: i });
      i += match.length;
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      tokens.push({ kind: 'punct', text: c, at: i });
      i += 1;
    } else if (c === '=' || c === '<' || c === '>' || c === '!') {
      const two = text.slice(i, i + 2);
      if (two === '!=' || two === '>=' || two === '<=' || two === '<>') {
        tokens.push({ kind: 'op', text: two === '<>' ? '!=' : two, at: i });
        i += 2;
      } else if (c === '!') {
        refuse(text, i, "'!' must be followed by '='");
      } else {
        tokens.push({ kind: 'op', text: c, at: i });
        i += 1;
      }
    } else {
      refuse(text, i, `unexpected character '${c}'`);
    }
  }
  return tokens;
}
