/**
 * Crash-safe file writes: the target path holds either the old content or the complete new content,
 * never a half-written file (write a temp file beside it, fsync, rename over, fsync the directory).
 */
import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * `durable: false` skips the fsyncs: the file still never reads half-written after a crash of this process
 * (rename is atomic), but may be lost with the machine's power. For state the sandbox can afford to lose that way.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, { durable = true } = {}): Promise<void> {
  const tempPath = `${path}.${randomUUID()}.tmp`;
  try {
    const file = await open(tempPath, 'wx');
    try {
      await file.writeFile(data);
      if (durable) await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  if (durable) await syncDirectory(dirname(path));
}

/** Makes the rename itself durable. Windows cannot open a directory for fsync, and NTFS journals renames. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
