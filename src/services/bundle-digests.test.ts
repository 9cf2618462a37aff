import { describe, expect, it } from 'vitest';
import { bundleDigestsTag, FILES_SHA256_TAG, verifyBundleDigests } from './bundle-digests.js';

const files = { 'model/model.json': '{"trees":[1]}', 'model/features.json': '{"numeric":[]}' };
const bytes = (record: Record<string, string>) =>
  new Map(Object.entries(record).map(([path, text]) => [path, new TextEncoder().encode(text)] as const));
const version = (tags: { key: string; value: string }[]) => ({ name: 'm', version: '3', tags });

describe('bundle file digests', () => {
  it('records the sha256 of each file, by path, and passes the same bytes', () => {
    const tag = bundleDigestsTag(files);
    expect(tag.key).toBe(FILES_SHA256_TAG);
    const digests = JSON.parse(tag.value);
    expect(Object.keys(digests)).toEqual(['model/features.json', 'model/model.json']);
    // sha256 of '{"trees":[1]}', computed independently (printf '%s' '{"trees":[1]}' | sha256sum).
    expect(digests['model/model.json']).toBe(
      '140876b981e2857e5a9d4d1b00c7a55688e4ecca8822906fa04d63802df4917f',
    );
    expect(() => verifyBundleDigests(version([tag]), bytes(files))).not.toThrow();
  });

  it('refuses a file changed by one byte, a file gone, and unreadable digests, naming the file', () => {
    const tag = bundleDigestsTag(files);
    expect(() =>
      verifyBundleDigests(version([tag]), bytes({ ...files, 'model/model.json': '{"trees":[2]}' })),
    ).toThrow(/m\/3: model\/model\.json changed since registration/);
    expect(() =>
      verifyBundleDigests(version([tag]), bytes({ 'model/model.json': files['model/model.json'] })),
    ).toThrow(/model\/features\.json was recorded at registration but is gone/);
    expect(() => verifyBundleDigests(version([{ key: FILES_SHA256_TAG, value: '{' }]), bytes(files))).toThrow(
      /not readable JSON/,
    );
  });

  it('passes a version registered before digests were recorded', () => {
    expect(() => verifyBundleDigests(version([]), bytes({ 'model/model.json': 'anything' }))).not.toThrow();
  });
});
