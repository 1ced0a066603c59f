import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSealed } from '../vault/sealedFile';
import { keySealer } from '../vault/vault';
import { createUploadUrlStorage } from './tusUploader';

const upload = { size: 10, metadata: { filename: 'Иванов_удостоверение.pdf' }, creationTime: '2026-12-03T10:00:00Z', urlStorageKey: '', uploadUrl: 'http://127.0.0.1:1/uploads/1', parallelUploadUrls: null };

describe('upload URL storage', () => {
  it('keeps what it remembers sealed, since the metadata names the applicant\'s files', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'qabyl-tus-')), 'uploads.json');
    const atRest = keySealer();
    await createUploadUrlStorage(file, atRest).addUpload('sha256-ab', upload);
    const onDisk = await readFile(file);
    expect(isSealed(onDisk)).toBe(true);
    expect(onDisk.includes(Buffer.from('Иванов'))).toBe(false);
    expect(await createUploadUrlStorage(file, atRest).findUploadsByFingerprint('sha256-ab')).toEqual([expect.objectContaining({ uploadUrl: upload.uploadUrl })]);
  });

  it('reads a plaintext file from before encryption and seals it at the next save', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'qabyl-tus-')), 'uploads.json');
    await writeFile(file, JSON.stringify({ 'tus::sha256-ab::1': upload }));
    const storage = createUploadUrlStorage(file, keySealer());
    expect(await storage.findAllUploads()).toHaveLength(1);
    await storage.removeUpload('tus::sha256-ab::1');
    expect(isSealed(await readFile(file))).toBe(true);
  });
});
