import { describe, expect, it } from 'vitest';
import { Rng } from '../../../core/random/rng.js';
import { TextBuffer } from './text-buffer.js';

const decode = (buffer: TextBuffer) => new TextDecoder().decode(buffer.view());

describe('TextBuffer', () => {
  it('writes numbers exactly as String() does', () => {
    const rng = new Rng(11);
    const values = [
      0, -0, 1, -1, 0.1, 0.5, 5.05, 10.1, 9999.99, 123456789.12, 1e13, 1e21, 1e-7, -2.5, 0.30000000000000004,
    ];
    for (let i = 0; i < 20_000; i++) {
      values.push(Math.round(Math.exp(rng.normal() * 4 + 6) * 100) / 100);
      values.push(rng.next());
      values.push(Math.round(rng.normal() * 1e6));
    }
    for (const v of values) {
      const buffer = new TextBuffer(4);
      buffer.number(v);
      if (decode(buffer) !== String(v)) expect(decode(buffer)).toBe(String(v));
    }
  });

  it('quotes CSV fields only when needed and keeps UTF-8', () => {
    const buffer = new TextBuffer(2);
    for (const text of ['plain', 'a,b', 'say "hi"', 'line\nbreak', '', 'café ✓', 'é,1']) {
      buffer.csvText(text);
      buffer.byte(124);
    }
    expect(decode(buffer)).toBe('plain|"a,b"|"say ""hi"""|"line\nbreak"|""|café ✓|"é,1"|');
  });
});
