import { describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/main/worker-exec-argv.js';

describe('the node flags of a serving worker', () => {
  it("adds the configured semi-space size to the primary's own flags", () => {
    expect(workerExecArgv(8, ['--enable-source-maps'], undefined)).toEqual([
      '--enable-source-maps',
      '--max-semi-space-size=8',
    ]);
  });

  it('keeps V8’s default when the setting is 0', () => {
    expect(workerExecArgv(0, [], '')).toEqual([]);
  });

  it('leaves a size the user chose, on the command line or in NODE_OPTIONS', () => {
    expect(workerExecArgv(8, ['--max-semi-space-size=32'], undefined)).toEqual(['--max-semi-space-size=32']);
    expect(workerExecArgv(8, ['--max-semi-space-size', '32'], undefined)).toEqual([
      '--max-semi-space-size',
      '32',
    ]);
    expect(workerExecArgv(8, [], '--trace-gc  --max_semi_space_size=2')).toEqual([]);
  });
});
