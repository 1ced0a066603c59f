import { statSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IMPORTED_FOLDER, markDone, watchFolder, type FolderWatch, type WatchFolderOptions } from './watchedFolder';

const settleMs = 150;
const options = { settleMs, rescanMs: 250 };
const newInbox = () => mkdtemp(join(tmpdir(), 'qabyl-inbox-'));

const watches: FolderWatch[] = [];
afterEach(() => watches.splice(0).forEach((watch) => watch.close()));

/** Starts a watch that records each reported file's name and its size at the moment it was reported. */
const watchInbox = (folder: string, extra: WatchFolderOptions = {}) => {
  const reports: { name: string; size: number }[] = [];
  const watch = watchFolder(folder, (path) => reports.push({ name: basename(path), size: statSync(path).size }), { ...options, ...extra });
  watches.push(watch);
  const names = () => reports.map((report) => report.name);
  const waitForReports = (count: number) => vi.waitFor(() => expect(reports).toHaveLength(count), { timeout: 3_000, interval: 20 });
  return { reports, names, waitForReports, watch };
};

describe('watchFolder', () => {
  it('reports a file written in two chunks once, after it is complete', async () => {
    const folder = await newInbox();
    const { reports, waitForReports } = watchInbox(folder);
    const file = await open(join(folder, 'scan0001.pdf'), 'w');
    await file.write(Buffer.alloc(4_000, 1));
    await sleep(settleMs * 0.6); // the scanner pauses between pages, for less than the settle time
    expect(reports).toEqual([]);
    await file.write(Buffer.alloc(4_000, 2));
    await file.close();
    await waitForReports(1);
    expect(reports).toEqual([{ name: 'scan0001.pdf', size: 8_000 }]);
    await sleep(settleMs * 3);
    expect(reports).toHaveLength(1);
  });

  it('ignores temporary, hidden and system files, and subfolders', async () => {
    const folder = await newInbox();
    const { names, waitForReports } = watchInbox(folder);
    await mkdir(join(folder, 'archive'));
    await writeFile(join(folder, 'archive', 'old.pdf'), 'old');
    for (const name of ['.scan.pdf', 'scan0002.tmp', '~$scan.pdf', 'scan0003.pdf.part', 'Thumbs.db', 'desktop.ini']) await writeFile(join(folder, name), 'partial');
    await writeFile(join(folder, 'scan0004.pdf'), 'whole');
    await waitForReports(1);
    await sleep(settleMs * 3);
    expect(names()).toEqual(['scan0004.pdf']);
  });

  it('reports files already there at start, and not again after markDone and a restart', async () => {
    const folder = await newInbox();
    await writeFile(join(folder, 'scan0001.pdf'), 'before start');
    const first = watchInbox(folder);
    await first.waitForReports(1);
    expect(first.names()).toEqual(['scan0001.pdf']);
    const moved = await markDone(join(folder, 'scan0001.pdf'));
    expect(moved).toBe(join(folder, IMPORTED_FOLDER, 'scan0001.pdf'));
    expect(await readFile(moved, 'utf8')).toBe('before start');
    first.watch.close();

    const restarted = watchInbox(folder);
    await writeFile(join(folder, 'scan0002.pdf'), 'after restart'); // reported only once the watch has looked
    await restarted.waitForReports(1);
    expect(restarted.names()).toEqual(['scan0002.pdf']);
  });

  it('reports a reused name again after markDone and keeps both files', async () => {
    const folder = await newInbox();
    const { names, waitForReports } = watchInbox(folder);
    const path = join(folder, 'scan.jpg');
    await writeFile(path, 'first batch');
    await waitForReports(1);
    await markDone(path);
    await writeFile(path, 'second batch'); // the scanner's counter restarted
    await waitForReports(2);
    expect(names()).toEqual(['scan.jpg', 'scan.jpg']);
    expect(await markDone(path)).toBe(join(folder, IMPORTED_FOLDER, 'scan (2).jpg'));
    const imported = join(folder, IMPORTED_FOLDER);
    expect((await readdir(imported)).sort()).toEqual(['scan (2).jpg', 'scan.jpg']);
    expect(await readFile(join(imported, 'scan.jpg'), 'utf8')).toBe('first batch');
    expect(await readdir(folder)).toEqual([IMPORTED_FOLDER]);
  });

  it('keeps watching a folder that appears only later, as a share that comes online', async () => {
    const folder = join(await newInbox(), 'share');
    const errors: unknown[] = [];
    const { waitForReports, names } = watchInbox(folder, { onError: (error) => errors.push(error) });
    await vi.waitFor(() => expect(errors).toContainEqual(expect.objectContaining({ code: 'ENOENT' })), { timeout: 3_000, interval: 20 });
    await mkdir(folder);
    await writeFile(join(folder, 'scan.pdf'), 'late');
    await waitForReports(1);
    expect(names()).toEqual(['scan.pdf']);
  });
});
