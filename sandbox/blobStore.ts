/**
 * Completed uploads, content-addressed: dataDir/attachments/<sha256>. A file only gets there by a rename after
 * its bytes were hashed, so every file under its name holds exactly those bytes (the layout v0 used too).
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export class BlobStore {
  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<BlobStore> {
    const store = new BlobStore(join(dataDir, 'attachments'));
    await mkdir(store.dir, { recursive: true });
    return store;
  }

  /** `sha256` must be validated lowercase hex: it becomes a file name. */
  path(sha256: string): string {
    return join(this.dir, sha256);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async size(sha256: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(sha256))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.path(sha256));
  }

  /** Moves a verified file in; when the blob is already held, the file is dropped instead (same bytes). */
  async adopt(verifiedFile: string, sha256: string): Promise<void> {
    if (await this.has(sha256)) await rm(verifiedFile, { force: true });
    else await rename(verifiedFile, this.path(sha256));
  }

  async count(): Promise<number> {
    return (await readdir(this.dir)).filter((name) => /^[0-9a-f]{64}$/.test(name)).length;
  }
}
