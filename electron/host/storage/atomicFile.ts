import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes through a temp file and a rename, so a crash leaves either the old file or the new one. `durable`
 * (the default) syncs the data first, so a power cut cannot leave the new name on empty blocks either; state
 * that is only a shortcut (losing it costs time, never data) may skip that wait.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array, options: { durable?: boolean } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    if (options.durable !== false) await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}
