import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { isSealed } from '../vault/sealedFile';
import { keySealer } from '../vault/vault';
import { createDocumentStore, MAX_DOCUMENT_BYTES } from './documentStore';

const newStore = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'qabyl-docs-'));
  const sealer = keySealer();
  return { folder, sealer, store: createDocumentStore(folder, sealer) };
};
const MARKER = 'ЖЕКЕ КУӘЛІК 900101300123';

/** Every file under `folder`, as bytes. */
async function filesUnder(folder: string): Promise<Buffer[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name))));
}

/** A PDF carrying the marker as plain UTF-8 bytes (a trailing comment), the way a card's text layer could. */
async function markerPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText('ID', { x: 50, y: 700 });
  return Buffer.concat([await pdf.save(), Buffer.from(`%${MARKER}\n`, 'utf8')]);
}

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

describe('documentStore at rest', () => {
  it('never leaves a document readable on disk, and still answers with its plaintext digest and size', async () => {
    const { folder, store } = await newStore();
    const pdf = await markerPdf();
    const markerBytes = [Buffer.from(MARKER, 'utf8'), Buffer.from('900101300123', 'latin1')];
    for (const marker of markerBytes) expect(Buffer.from(pdf).includes(marker)).toBe(true);
    const { sha256, size } = await store.put(pdf);
    expect(sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await store.size(sha256)).toBe(pdf.byteLength);
    expect(size).toBe(pdf.byteLength);
    for (const bytes of await filesUnder(folder)) {
      expect(isSealed(bytes)).toBe(true);
      for (const marker of markerBytes) expect(bytes.includes(marker)).toBe(false);
      expect(bytes.includes(Buffer.from('%PDF'))).toBe(false);
    }
    expect(Buffer.from(await store.get(sha256)).equals(Buffer.from(pdf))).toBe(true);
  });

  it('refuses a sealed file moved under another document\'s name, or cut short', async () => {
    const { folder, store } = await newStore();
    const a = await store.put(new TextEncoder().encode('document A'));
    const b = await store.put(new TextEncoder().encode('document B'));
    const pathOf = (sha256: string) => join(folder, sha256.slice(0, 2), sha256);
    await writeFile(pathOf(b.sha256), await readFile(pathOf(a.sha256)));
    await expect(store.get(b.sha256)).rejects.toMatchObject({ code: 'documents.notFound', detail: expect.stringContaining('another name') });
    await writeFile(pathOf(a.sha256), (await readFile(pathOf(a.sha256))).subarray(0, 30));
    await expect(store.get(a.sha256)).rejects.toMatchObject({ code: 'documents.notFound' });
  });

  it('reads files stored in plaintext before encryption, and seals them in one migration that keeps their age', async () => {
    const { folder, sealer, store } = await newStore();
    const legacy = new TextEncoder().encode(`%PDF-1.4 ${MARKER}`);
    const sha256 = createHash('sha256').update(legacy).digest('hex');
    const path = join(folder, sha256.slice(0, 2), sha256);
    await mkdir(join(folder, sha256.slice(0, 2)), { recursive: true });
    await writeFile(path, legacy);
    const old = new Date('2026-01-01T00:00:00Z');
    await utimes(path, old, old);
    // A plaintext file that no longer matches its name is left alone: nothing may seal tampered bytes as genuine.
    const tamperedName = createHash('sha256').update('something else').digest('hex');
    await mkdir(join(folder, tamperedName.slice(0, 2)), { recursive: true });
    await writeFile(join(folder, tamperedName.slice(0, 2), tamperedName), 'tampered');

    expect(await store.size(sha256)).toBe(legacy.byteLength);
    expect(Buffer.from(await store.get(sha256)).equals(Buffer.from(legacy))).toBe(true);
    expect(await store.migrate()).toEqual({ sealed: 1 });
    expect(await store.migrate()).toEqual({ sealed: 0 });
    const sealed = await readFile(path);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.includes(Buffer.from('900101300123'))).toBe(false);
    expect((await stat(path)).mtime.getTime()).toBe(old.getTime());
    expect(Buffer.from(await store.get(sha256)).equals(Buffer.from(legacy))).toBe(true);
    expect(await store.size(sha256)).toBe(legacy.byteLength);
    // A restarted store over the same folder and key reads it too.
    expect(Buffer.from(await createDocumentStore(folder, sealer).get(sha256)).toString()).toContain('%PDF-1.4');
  });

  it('purges the named documents, counting only those it removed', async () => {
    const { store } = await newStore();
    const kept = await store.put(new TextEncoder().encode('kept'));
    const gone = await store.put(new TextEncoder().encode('gone'));
    const neverStored = createHash('sha256').update('never').digest('hex');
    expect(await store.purge([gone.sha256, neverStored, gone.sha256])).toBe(1);
    await expect(store.get(gone.sha256)).rejects.toMatchObject({ code: 'documents.notFound' });
    expect(Buffer.from(await store.get(kept.sha256)).toString()).toBe('kept');
    expect(await store.purge([])).toBe(0);
  });
});
