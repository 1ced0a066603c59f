import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../../shared/host/hostError';
import { createFileAuditKeyStore } from '../audit/auditKeyStore';
import { openAuditLog } from '../audit/auditLog';
import { AUDIT_WITNESS_FILE, createFileWitnessStore } from '../audit/auditWitnessStore';
import { createSettingsStore } from '../settings/settingsStore';
import { createDocumentStore } from '../storage/documentStore';
import { createSecretKeyProtector } from '../vault/secretKeyProtector';
import { openVault } from '../vault/vault';
import { createAutomaticBackup, failureOf, newestAutomaticBackup, RETRY_AFTER_MS } from './automaticBackup';
import { openReopenableAuditLog } from './reopenableAuditLog';
import { createWorkstationBackup } from './workstationBackup';

const FAST = { logN: 15, r: 8, p: 1 };
const KEY_PASSPHRASE = 'түнгі көшірме кілті 2026';
const HOUR = 3_600_000;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'qabyl-autobackup-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A workstation with a controllable clock and disk: `clock.at` is now, `disk.free` the share's free bytes. */
async function workstation(options: { updatePending?: () => boolean } = {}) {
  const dataDir = join(root, 'data', 'training');
  const share = join(root, 'share');
  await mkdir(share, { recursive: true });
  const settings = createSettingsStore(join(root, 'data', 'settings.json'));
  await settings.apply({ office: { code: 'ALM01' }, autoBackup: { enabled: true, folder: share, keep: 3 } });
  const vault = await openVault({ folder: join(dataDir, 'vault'), protector: createSecretKeyProtector('this workstation') });
  const documents = createDocumentStore(join(dataDir, 'documents'), vault);
  const auditDir = join(dataDir, 'audit');
  const audit = await openReopenableAuditLog(() =>
    openAuditLog({ dir: auditDir, keyStore: createFileAuditKeyStore(join(auditDir, 'audit-key.sealed'), vault), witnessStore: createFileWitnessStore(join(dataDir, 'vault', AUDIT_WITNESS_FILE)), checkpointAfter: [] }),
  );
  const clock = { at: new Date(2026, 2, 2, 9, 0, 0) };
  const disk = { free: Number.MAX_SAFE_INTEGER };
  const warnings: Record<string, unknown>[] = [];
  const backup = createWorkstationBackup({ dataDir, settings, appVersion: '1.2.3', training: true, vault, scrypt: FAST, liveAudit: audit, now: () => clock.at });
  const automatic = createAutomaticBackup({
    dataDir,
    settings,
    sealer: vault,
    backup,
    log: { info: () => undefined, warn: (_event, fields) => void warnings.push({ ...fields }) },
    now: () => clock.at,
    freeBytes: async () => disk.free,
    scrypt: FAST,
    ...options,
  });
  /** What the renderer's runner does when the host says a backup is due. */
  const run = async () => {
    const { backupId } = await automatic.begin();
    await automatic.addRows({ backupId, table: 'requests', rowsJson: JSON.stringify([{ id: 'r1' }]) });
    return automatic.finish({ backupId });
  };
  return { dataDir, share, settings, vault, documents, backup, automatic, clock, disk, warnings, run, close: () => audit.close() };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(HostError);
  return (error as HostError).code;
}

const later = (clock: { at: Date }, ms: number) => (clock.at = new Date(clock.at.getTime() + ms));

describe('automatic backup', () => {
  it('is not due without a key, writes one backup on the day under the key, and is due again the next day', async () => {
    const ws = await workstation();
    await ws.documents.put(Buffer.from('%PDF-1.7 скан'));
    expect(await ws.automatic.due()).toEqual({ due: false });
    expect(await refusal(ws.automatic.begin())).toBe('backup.notDue');
    expect(await refusal(ws.automatic.setKey({ passphrase: 'short' }))).toBe('backup.weakPassphrase');
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    expect((await ws.automatic.status()).keySet).toBe(true);

    expect(await ws.automatic.due()).toEqual({ due: true });
    const made = await ws.run();
    expect(made.fileName).toMatch(/^qabyl-ALM01-\d{8}-\d{6}-auto\.qbk$/);
    expect(await readdir(ws.share)).toEqual([made.fileName]);
    // The passphrase the administrator typed opens it, as a restore would; the stored key is not the passphrase.
    expect(await ws.backup.inspect({ path: made.path, passphrase: KEY_PASSPHRASE })).toMatchObject({ office: { code: 'ALM01' }, documents: 1, tables: { requests: 1 } });
    expect(await refusal(ws.backup.inspect({ path: made.path, passphrase: 'some other passphrase' }))).toBe('backup.wrongPassphrase');
    const sealedKey = await readdir(join(ws.dataDir, 'vault'));
    expect(sealedKey).toContain('automatic-backup-key.sealed');

    // Later the same day: nothing due, and a page asking anyway is refused (it cannot push good backups out).
    later(ws.clock, 8 * HOUR);
    expect(await ws.automatic.due()).toEqual({ due: false });
    expect(await refusal(ws.automatic.begin())).toBe('backup.notDue');
    expect(await ws.automatic.status()).toMatchObject({ enabled: true, keySet: true, due: false, lastFileName: made.fileName });

    later(ws.clock, 8 * HOUR);
    expect(await ws.automatic.due()).toEqual({ due: true });
    await ws.close();
  });

  it('keeps the newest N: the N+1th removes the oldest automatic file, never a manual backup beside it', async () => {
    const ws = await workstation();
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    await writeFile(join(ws.share, 'qabyl-ALM01-20200101-000000.qbk'), 'a manual backup');
    const made: string[] = [];
    for (let day = 0; day < 3; day += 1) {
      made.push((await ws.run()).fileName);
      later(ws.clock, 24 * HOUR);
    }
    expect((await readdir(ws.share)).sort()).toEqual([...made, 'qabyl-ALM01-20200101-000000.qbk'].sort());
    const fourth = await ws.run();
    expect(fourth.pruned).toBe(1);
    expect((await readdir(ws.share)).sort()).toEqual([made[1], made[2], fourth.fileName, 'qabyl-ALM01-20200101-000000.qbk'].sort());
    expect(await newestAutomaticBackup(ws.share)).toEqual({ path: join(ws.share, fourth.fileName), fileName: fourth.fileName });
    expect(await newestAutomaticBackup(join(root, 'nowhere'))).toBeNull();
    await ws.close();
  });

  it('a missing folder fails, is logged and shown, is not retried at once, and the next success clears it', async () => {
    const ws = await workstation();
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    const unmounted = join(root, 'unmounted-share');
    await ws.settings.apply({ autoBackup: { folder: unmounted } });
    expect(await refusal(ws.automatic.begin())).toBe('backup.folderUnavailable');
    // Never created: an unmounted share's mount point must not fill the local disk.
    expect(await readdir(root)).not.toContain('unmounted-share');
    expect(ws.warnings).toEqual([{ code: 'backup.folderUnavailable', reason: 'ENOENT' }]);
    expect(await ws.automatic.status()).toMatchObject({ lastFailure: { code: 'backup.folderUnavailable', detail: 'ENOENT' } });
    expect(await ws.automatic.due()).toEqual({ due: false });

    later(ws.clock, RETRY_AFTER_MS);
    await ws.settings.apply({ autoBackup: { folder: ws.share } });
    expect(await ws.automatic.due()).toEqual({ due: true });
    await ws.run();
    expect(await ws.automatic.status()).not.toHaveProperty('lastFailure');
    await ws.close();
  });

  it('a disk without room for the documents fails before writing; a write refused half-way leaves no partial file', async () => {
    const ws = await workstation();
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    await ws.documents.put(Buffer.alloc(64 * 1024, 1));
    ws.disk.free = 10 * 1024;
    expect(await refusal(ws.automatic.begin())).toBe('backup.diskFull');
    expect(await readdir(ws.share)).toEqual([]);
    expect(await ws.automatic.status()).toMatchObject({ lastFailure: { code: 'backup.diskFull' } });

    // The share goes away after the backup began (unplugged, unmounted): finish fails, the run ends and nothing of it stays.
    later(ws.clock, RETRY_AFTER_MS);
    ws.disk.free = Number.MAX_SAFE_INTEGER;
    const { backupId } = await ws.automatic.begin();
    await ws.automatic.addRows({ backupId, table: 'requests', rowsJson: '[]' });
    await rm(ws.share, { recursive: true });
    expect(await refusal(ws.automatic.finish({ backupId }))).toBe('backup.folderUnavailable');
    await mkdir(ws.share);
    expect(await readdir(ws.share)).toEqual([]);
    expect(await ws.automatic.status()).toMatchObject({ lastFailure: { code: 'backup.folderUnavailable', detail: 'ENOENT' } });
    expect(await refusal(ws.automatic.addRows({ backupId, table: 'requests', rowsJson: '[]' }))).toBe('backup.unknownSession');
    // A write the disk refuses is named as a full disk.
    expect(failureOf(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toMatchObject({ code: 'backup.diskFull' });
    await ws.close();
  });

  it('is due again before a downloaded update is installed, even on a day that already has its backup', async () => {
    let update = false;
    const ws = await workstation({ updatePending: () => update });
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    await ws.run();
    expect(await ws.automatic.due()).toEqual({ due: false });
    expect(ws.automatic.updateWaitsForBackup()).toBe(false);
    later(ws.clock, HOUR);
    update = true;
    // The updater asks first (the moment the download ends), before the page's next look: the install waits.
    expect(ws.automatic.updateWaitsForBackup()).toBe(true);
    expect(await ws.automatic.due()).toEqual({ due: true });
    later(ws.clock, 60_000);
    await ws.run();
    expect(await ws.automatic.due()).toEqual({ due: false });
    expect(ws.automatic.updateWaitsForBackup()).toBe(false);

    // A failed backup lets the next update go: a missing share never holds updates back for good.
    update = false;
    expect(ws.automatic.updateWaitsForBackup()).toBe(false);
    later(ws.clock, HOUR);
    update = true;
    await ws.settings.apply({ autoBackup: { folder: join(root, 'gone') } });
    expect(ws.automatic.updateWaitsForBackup()).toBe(true);
    expect(await refusal(ws.automatic.begin())).toBe('backup.folderUnavailable');
    expect(ws.automatic.updateWaitsForBackup()).toBe(false);
    await ws.close();
  });

  it('a key sealed under another data key (a restore brought its own) counts as not set', async () => {
    const ws = await workstation();
    await ws.automatic.setKey({ passphrase: KEY_PASSPHRASE });
    await ws.vault.replaceDataKey(Buffer.alloc(32, 9));
    expect(await ws.automatic.status()).toMatchObject({ keySet: false, due: false });
    await ws.close();
  });
});
