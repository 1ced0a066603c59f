/**
 * A "scan to folder" inbox (issue: scanning): most office scanners can drop their files on a network share,
 * and the workstation picks them up from there. fs.watch gives quick notice, but SMB and NFS shares often drop
 * change events, so a periodic rescan backs it up. A file counts only once its size and time have held still
 * across two looks `settleMs` apart, since a scanner writes a long batch in bursts. inspectImport still checks
 * every file's structure, which catches a writer that paused for longer than that.
 */
import { watch, type FSWatcher, type Stats } from 'node:fs';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** Where markDone moves handled files: kept, so nothing is lost, and out of the inbox, so never imported twice. */
export const IMPORTED_FOLDER = 'imported';

export interface WatchFolderOptions {
  /** How long a file must stay unchanged before it is complete. */
  settleMs?: number;
  /** How often the whole folder is listed again, for events the share never sent. */
  rescanMs?: number;
  /** The folder cannot be read (share offline, folder removed): watching goes on and recovers with it. */
  onError?: (error: unknown) => void;
}

export interface FolderWatch {
  close(): void;
}

/** Partial downloads, editor locks, hidden files, and what Windows Explorer leaves in image folders. */
function isIgnoredFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('.') || lower.startsWith('~') || lower.endsWith('.tmp') || lower.endsWith('.part') || lower === 'thumbs.db' || lower === 'desktop.ini';
}

/**
 * Reports each complete file in `folder` once (by full path), in name order within one look, including files
 * already there at start. A file still there after a restart is reported again: only markDone retires it.
 */
export function watchFolder(folder: string, onFile: (path: string) => void, options: WatchFolderOptions = {}): FolderWatch {
  const settleMs = options.settleMs ?? 400;
  const rescanMs = options.rescanMs ?? 5_000;
  /** Reported files by name, with the identity of the file that had the name then. */
  const reported = new Map<string, string>();
  const settling = new Map<string, { size: number; mtimeMs: number; since: number }>();
  let watcher: FSWatcher | null = null;
  let nextLook: NodeJS.Timeout | undefined;
  let nextLookAt = Infinity;
  let looking = false;
  let lookAgain = false;
  let closed = false;

  const look = async () => {
    const names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !isIgnoredFileName(entry.name))
      .map((entry) => entry.name)
      .sort();
    const present = new Set(names);
    // Names gone from the folder (markDone, deleted) are forgotten. A new scan under a reported name (scanners
    // restart their counters) is told apart by its identity, even if it came before a look saw the old one go.
    for (const name of reported.keys()) if (!present.has(name)) reported.delete(name);
    for (const name of settling.keys()) if (!present.has(name)) settling.delete(name);
    for (const name of names) {
      const path = join(folder, name);
      const now = await stat(path).catch(() => null); // gone between listing and now
      if (closed) return;
      if (!now || reported.get(name) === identityOf(now)) continue;
      const before = settling.get(name);
      const unchanged = before && before.size === now.size && before.mtimeMs === now.mtimeMs;
      if (!unchanged) {
        settling.set(name, { size: now.size, mtimeMs: now.mtimeMs, since: Date.now() });
      } else if (now.size > 0 && Date.now() - before.since >= settleMs) {
        // An empty file is one the scanner has created but not yet written.
        settling.delete(name);
        reported.set(name, identityOf(now));
        onFile(path);
      }
    }
    if (settling.size > 0) scheduleLook(settleMs);
  };

  const requestLook = () => {
    if (closed) return;
    if (looking) {
      lookAgain = true;
      return;
    }
    looking = true;
    look()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        looking = false;
        if (lookAgain) {
          lookAgain = false;
          requestLook();
        }
      });
  };

  /** Keeps the earliest pending look: a burst of events ends in one look, and never delays a due one. */
  const scheduleLook = (delayMs: number) => {
    const at = Date.now() + delayMs;
    if (closed || at >= nextLookAt) return;
    clearTimeout(nextLook);
    nextLookAt = at;
    nextLook = setTimeout(() => {
      nextLookAt = Infinity;
      requestLook();
    }, delayMs);
    nextLook.unref();
  };

  const startWatcher = () => {
    if (watcher || closed) return;
    try {
      watcher = watch(folder, { persistent: false }, () => scheduleLook(50));
      watcher.on('error', (error) => {
        watcher?.close();
        watcher = null;
        options.onError?.(error);
      });
    } catch (error) {
      options.onError?.(error); // the rescan tries again
    }
  };

  const rescan = setInterval(() => {
    startWatcher();
    requestLook();
  }, rescanMs);
  rescan.unref();
  startWatcher();
  requestLook();

  return {
    close() {
      closed = true;
      clearInterval(rescan);
      clearTimeout(nextLook);
      watcher?.close();
    },
  };
}

/** Which file a name points at: a file written anew is another inode, born at another time. */
const identityOf = (stats: Stats) => `${stats.dev}:${stats.ino}:${stats.birthtimeMs}`;

/**
 * Moves a handled file into `<its folder>/imported/`, under a fresh name if an earlier file had the same one
 * (scanners restart their counters), and returns where it went.
 */
export async function markDone(path: string): Promise<string> {
  const target = join(dirname(path), IMPORTED_FOLDER);
  await mkdir(target, { recursive: true });
  const extension = extname(path);
  const stem = basename(path, extension);
  // Checking then renaming races only with another writer in imported/, and only this module writes there.
  for (let copy = 1; ; copy++) {
    const candidate = join(target, copy === 1 ? `${stem}${extension}` : `${stem} (${copy})${extension}`);
    if (!(await exists(candidate))) {
      await rename(path, candidate);
      return candidate;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
