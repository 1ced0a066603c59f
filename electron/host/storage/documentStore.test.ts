import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, MAX_DOCUMENT_BYTES } from './documentStore';

const newStore = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'qabyl-docs-'));
  return { folder, store: createDocumentStore(folder) };
};

describe('documentStore', () => {
  it('stores by SHA-256 and reads the same bytes back', async () => {
    const { store } = await newStore();
    const bytes = new TextEncoder().encode('%PDF-1.7 test');
    const { sha256, size } = await store.put(bytes);
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(size).toBe(bytes.length);
    expect(Buffer.from(await store.get(sha256)).toString()).toBe('%PDF-1.7 test');
  });

  it('refuses empty and oversized files with their own codes', async () => {
    const { store } = await newStore();
    await expect(store.put(new Uint8Array())).rejects.toMatchObject({ code: 'documents.empty' });
    await expect(store.put(new Uint8Array(MAX_DOCUMENT_BYTES + 1))).rejects.toMatchObject({ code: 'documents.tooLarge' });
  });

  it('will not hand out a file whose bytes no longer match its name', async () => {
    const { folder, store } = await newStore();
    const { sha256 } = await store.put(new TextEncoder().encode('original'));
    await writeFile(join(folder, sha256.slice(0, 2), sha256), 'tampered');
    await expect(store.get(sha256)).rejects.toMatchObject({ code: 'documents.notFound' });
  });

  it('rejects names that are not digests (no path traversal)', async () => {
    const { store } = await newStore();
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'documents.notFound' });
  });
});
