/**
 * Start-up clean-up after a crash: what a killed run left behind and nothing references any more (a scan
 * finished but never attached, a receipt made for printing, a result fetched but not recorded, a half-written
 * temp file). Only entries older than this run's start go, so nothing the running app has in hand is lost.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Removes `path` when it is older than `startedAt`; whether it did. A path gone meanwhile counts as kept. */
export async function removeIfOlder(path: string, startedAt: Date): Promise<boolean> {
  const found = await stat(path).catch(() => null);
  if (!found || found.mtimeMs >= startedAt.getTime()) return false;
  await rm(path, { recursive: true, force: true });
  return true;
}

/** The names in a folder, none when it does not exist (a workstation that has stored nothing yet) or is a file. */
export const namesIn = (folder: string) => readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? [] : Promise.reject(error)));

export async function sweepFolderEntries(folder: string, keep: (name: string) => boolean, startedAt: Date): Promise<number> {
  let removed = 0;
  for (const name of await namesIn(folder)) if (!keep(name) && (await removeIfOlder(join(folder, name), startedAt))) removed += 1;
  return removed;
}
