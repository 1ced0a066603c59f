/**
 * Files an office scanner drops into the watched folder join the batch the operator has open; with none open
 * they wait (on disk, where they are) for the next batch. Imported files move to `imported/`, so a restart
 * never imports one twice and nothing is deleted. It follows the administrator's setting without a restart.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { markDone, watchFolder } from './imports/watchedFolder';
import type { ScanBatches } from './scanBatches';

export function startFolderInbox(batches: ScanBatches, onMoveFailed: (reason: string) => void) {
  const waiting: string[] = [];
  let importing: Promise<void> = Promise.resolve();
  let watched: { folder: string; watcher: { close(): void } } | null = null;
  const importWaiting = () =>
    (importing = importing.then(async () => {
      const batchId = batches.current();
      while (batchId && waiting.length > 0) {
        const path = waiting.shift()!;
        const bytes = await readFile(path).catch(() => null);
        if (!bytes) continue;
        await batches.importFile(batchId, { fileName: basename(path), bytes });
        await markDone(path).catch((error: unknown) => onMoveFailed(error instanceof Error ? error.message : 'unknown'));
      }
    }));
  return {
    follow(folder: string) {
      if ((watched?.folder ?? '') === folder) return;
      watched?.watcher.close();
      waiting.length = 0;
      watched = folder
        ? {
            folder,
            watcher: watchFolder(folder, (path) => {
              waiting.push(path);
              void importWaiting();
            }),
          }
        : null;
    },
    drain: importWaiting,
    close: () => watched?.watcher.close(),
  };
}
