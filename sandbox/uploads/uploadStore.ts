/**
 * tus uploads on disk under dataDir/uploads: <id>.json (length, declared sha256, the confirmed offset, expiry)
 * and <id>.part (the bytes so far). The record's offset is the truth: bytes in the part file past it were never
 * confirmed (a cut-off PATCH that carried a checksum) and are cut away before the next write.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomicFile';

const uploadRecordSchema = z.object({
  uploadId: z.string(),
  length: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  sha256: z.string(),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** Set once the bytes hashed to `sha256` and moved into the blob store. */
  completed: z.boolean(),
});
export type UploadRecord = z.infer<typeof uploadRecordSchema>;

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class UploadStore {
  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<UploadStore> {
    const store = new UploadStore(join(dataDir, 'uploads'));
    await mkdir(store.dir, { recursive: true });
    return store;
  }

  async create(fields: Omit<UploadRecord, 'uploadId' | 'offset' | 'completed'>): Promise<UploadRecord> {
    const record: UploadRecord = { uploadId: randomUUID(), offset: 0, completed: false, ...fields };
    await (await open(this.partPath(record.uploadId), 'wx')).close();
    await this.save(record);
    return record;
  }

  /** Undefined for an id that is unknown or not one we could have issued (it becomes a file name). */
  async get(uploadId: string): Promise<UploadRecord | undefined> {
    if (!UPLOAD_ID.test(uploadId)) return undefined;
    try {
      return uploadRecordSchema.parse(JSON.parse(await readFile(this.recordPath(uploadId), 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Not fsynced, like the part files: an upload survives a sandbox restart, not a power cut (clients re-upload then). */
  save(record: UploadRecord): Promise<void> {
    return writeFileAtomic(this.recordPath(record.uploadId), JSON.stringify(record), { durable: false });
  }

  partPath(uploadId: string): string {
    return join(this.dir, `${uploadId}.part`);
  }

  async remove(uploadId: string): Promise<void> {
    await rm(this.partPath(uploadId), { force: true });
    await rm(this.recordPath(uploadId), { force: true });
  }

  private recordPath(uploadId: string): string {
    return join(this.dir, `${uploadId}.json`);
  }
}
