import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactStore } from '../../src/ports/artifact-store.js';
import { codeOf } from './expect-code.js';
import { TRAVERSAL_PATHS } from './path-traversal-corpus.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * The behaviour every ArtifactStore must have. `makeAdapter` returns a store over an empty root;
 * each test works in its own child of it, and the traversal test checks that nothing was written
 * outside that child.
 */
export function runArtifactStoreContract(
  name: string,
  makeAdapter: () => Promise<{ store: ArtifactStore; close(): Promise<void> }>,
): void {
  describe(`ArtifactStore contract: ${name}`, () => {
    let base: ArtifactStore;
    let close: () => Promise<void>;
    let n = 0;
    const fresh = () => base.child(`t${++n}`);

    beforeAll(async () => {
      ({ store: base, close } = await makeAdapter());
    });
    afterAll(async () => {
      await close?.();
    });

    it('stores text and bytes and reads them back whole, overwriting in place', async () => {
      const store = fresh();
      await store.put('model/MLmodel', 'flavor: amlops\n');
      await store.put('model/weights.bin', Uint8Array.of(0, 1, 2, 255));
      expect(text(await store.get('model/MLmodel'))).toBe('flavor: amlops\n');
      expect([...(await store.get('model/weights.bin'))]).toEqual([0, 1, 2, 255]);
      await store.put('model/MLmodel', 'v2');
      expect(text(await store.get('model/MLmodel'))).toBe('v2');
      expect(await store.exists('model/MLmodel')).toBe(true);
      expect(await store.exists('model/nothing')).toBe(false);
    });

    it('lists direct children (directories and sized files) and all files recursively', async () => {
      const store = fresh();
      await store.put('metrics.json', '{}');
      await store.put('model/model.json', '12345');
      await store.put('model/sub/deep.txt', 'abc');
      expect(await store.list()).toEqual([
        { path: 'metrics.json', isDir: false, fileSize: 2 },
        { path: 'model', isDir: true },
      ]);
      expect(await store.list('model')).toEqual([
        { path: 'model/model.json', isDir: false, fileSize: 5 },
        { path: 'model/sub', isDir: true },
      ]);
      expect((await store.listFiles()).map((f) => f.path)).toEqual([
        'metrics.json',
        'model/model.json',
        'model/sub/deep.txt',
      ]);
      expect(await store.list('missing')).toEqual([]);
      expect(await store.listFiles('missing')).toEqual([]);
    });

    it('answers FILE_NOT_FOUND for a missing file, and streams an existing one', async () => {
      const store = fresh();
      expect(await codeOf(store.get('absent.txt'))).toBe('FILE_NOT_FOUND');
      expect(await codeOf(store.stream('absent.txt'))).toBe('FILE_NOT_FOUND');
      await store.put('big.txt', 'x'.repeat(100_000));
      let total = 0;
      for await (const chunk of await store.stream('big.txt')) total += chunk.length;
      expect(total).toBe(100_000);
    });

    it('deletes a file or a whole directory, and a missing path quietly', async () => {
      const store = fresh();
      await store.put('a.txt', 'a');
      await store.put('dir/b.txt', 'b');
      await store.put('dir/sub/c.txt', 'c');
      await store.delete('a.txt');
      await store.delete('dir');
      await store.delete('never-there');
      expect(await store.listFiles()).toEqual([]);
    });

    it('gives child stores rooted at a sub-directory', async () => {
      const store = fresh();
      const run = store.child('1/abc/artifacts');
      await run.put('model/model.json', '{}');
      expect(run.rootUri.endsWith('/1/abc/artifacts')).toBe(true);
      expect((await store.listFiles()).map((f) => f.path)).toEqual(['1/abc/artifacts/model/model.json']);
      expect((await run.listFiles()).map((f) => f.path)).toEqual(['model/model.json']);
    });

    it('never shows a partly written file to a concurrent reader', async () => {
      const store = fresh();
      const a = 'a'.repeat(300_000);
      const b = 'b'.repeat(300_000);
      await store.put('model.json', a);
      const reads: string[] = [];
      await Promise.all([
        (async () => {
          for (let i = 0; i < 4; i += 1) await store.put('model.json', i % 2 ? a : b);
        })(),
        (async () => {
          for (let i = 0; i < 8; i += 1) reads.push(text(await store.get('model.json')));
        })(),
      ]);
      for (const read of reads) expect(read === a || read === b).toBe(true);
    });

    it('refuses every path-traversal trick with ARTIFACT_PATH_INVALID and writes nothing outside', async () => {
      const outer = fresh();
      const store = outer.child('inner');
      await store.put('kept.txt', 'kept');
      for (const path of TRAVERSAL_PATHS) {
        const label = JSON.stringify(path);
        expect(await codeOf(store.put(path, 'pwned')), `put ${label}`).toBe('ARTIFACT_PATH_INVALID');
        expect(await codeOf(store.get(path)), `get ${label}`).toBe('ARTIFACT_PATH_INVALID');
        expect(await codeOf(store.list(path)), `list ${label}`).toBe('ARTIFACT_PATH_INVALID');
        expect(await codeOf(store.delete(path)), `delete ${label}`).toBe('ARTIFACT_PATH_INVALID');
        expect(await codeOf(() => store.child(path)), `child ${label}`).toBe('ARTIFACT_PATH_INVALID');
      }
      expect((await outer.listFiles()).map((f) => f.path)).toEqual(['inner/kept.txt']);
    });
  });
}
