import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../../shared/host/hostError';
import { createFileAuditKeyStore } from '../audit/auditKeyStore';
import { openAuditLog } from '../audit/auditLog';
import { AUDIT_WITNESS_FILE, createFileWitnessStore, readAuditWitness } from '../audit/auditWitnessStore';
import { createSettingsStore } from '../settings/settingsStore';
import { createDocumentStore } from '../storage/documentStore';
import { createSecretKeyProtector } from '../vault/secretKeyProtector';
import { openVault } from '../vault/vault';
import { createBackupFileWriter } from './backupFile';
import { writeRecord, type RecordHeader } from './backupRecords';
import { openReopenableAuditLog } from './reopenableAuditLog';
import { createWorkstationBackup } from './workstationBackup';

const FAST = { logN: 15, r: 8, p: 1 };
const PASSPHRASE = 'резерв-көшірме-2025';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'qabyl-backup-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** One workstation on disk: its data folder, settings, its own vault (a different secret each) and document store. */
async function workstation(name: string, options: { training?: boolean } = {}) {
  const dataDir = join(root, name, 'training');
  const settings = createSettingsStore(join(root, name, 'settings.json'));
  const vault = await openVault({ folder: join(dataDir, 'vault'), protector: createSecretKeyProtector(`secret of workstation ${name}`) });
  const documents = createDocumentStore(join(dataDir, 'documents'), vault);
  // As createHost opens it: the signing key sealed under the data key, inside the audit folder.
  const auditDir = join(dataDir, 'audit');
  const audit = await openReopenableAuditLog(() =>
    openAuditLog({ dir: auditDir, keyStore: createFileAuditKeyStore(join(auditDir, 'audit-key.sealed'), vault), witnessStore: createFileWitnessStore(join(dataDir, 'vault', AUDIT_WITNESS_FILE)), checkpointAfter: ['request.signed'] }),
  );
  const backup = createWorkstationBackup({ dataDir, settings, appVersion: '1.2.3', training: options.training ?? true, vault, scrypt: FAST, liveAudit: audit });
  return { dataDir, settings, vault, documents, audit, backup, reopenVault: () => openVault({ folder: join(dataDir, 'vault'), protector: createSecretKeyProtector(`secret of workstation ${name}`) }) };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (failure: unknown) => failure);
  expect(error).toBeInstanceOf(HostError);
  return (error as HostError).code;
}

describe('workstation backup and restore', () => {
  it('brings rows, documents, operators and settings onto a fresh workstation with another key protector', async () => {
    const a = await workstation('a');
    await a.settings.apply({ office: { code: 'ALM01', name: 'Алматы ХҚКО №1' } });
    const scan = Buffer.from('%PDF-1.7 паспорт скан');
    const receipt = Buffer.alloc(3 * 1024 * 1024, 7);
    const stored = [await a.documents.put(scan), await a.documents.put(receipt)];
    await writeFile(join(a.dataDir, 'operators.json'), JSON.stringify([{ login: 'aigerim' }]));
    const requests = JSON.stringify([{ id: 'r1', status: 'queued', sealed: { $bytes: 'AAEC' } }]);
    const events = [JSON.stringify([{ seq: 1, type: 'request.created' }]), JSON.stringify([{ seq: 2, type: 'request.queued' }])];

    await a.audit.append({ actor: { operatorId: 'op-1', login: 'aigerim' }, action: 'request.signed', subject: 'r1' });
    const { backupId } = await a.backup.begin({ passphrase: PASSPHRASE, folder: join(root, 'usb') });
    await a.backup.addRows({ backupId, table: 'requests', rowsJson: requests });
    for (const page of events) await a.backup.addRows({ backupId, table: 'events', rowsJson: page });
    expect(await a.backup.status({ backupId })).toEqual({ rows: 3, documents: 0, documentBytes: 0 });
    const made = await a.backup.finish({ backupId });
    expect(made).toMatchObject({ documents: 2, rows: 3 });
    expect(await refusal(a.backup.status({ backupId }))).toBe('backup.unknownSession');
    expect(made.fileName).toMatch(/^qabyl-ALM01-\d{8}-\d{6}\.qbk$/);
    expect((await readFile(made.path)).byteLength).toBe(made.bytes);

    const b = await workstation('b');
    expect(b.vault.dataKey().equals(a.vault.dataKey())).toBe(false);
    const manifest = await b.backup.inspect({ path: made.path, passphrase: PASSPHRASE });
    expect(manifest).toMatchObject({ office: { code: 'ALM01' }, tables: { requests: 1, events: 2 }, documents: 2, training: true, appVersion: '1.2.3' });

    const { restoreId } = await b.backup.restore({ path: made.path, passphrase: PASSPHRASE });
    expect(await b.backup.readRows({ restoreId, table: 'events', page: 0 })).toEqual({ rowsJson: events[0], done: false });
    expect(await b.backup.readRows({ restoreId, table: 'events', page: 1 })).toEqual({ rowsJson: events[1], done: true });
    expect(await b.backup.readRows({ restoreId, table: 'requests', page: 0 })).toEqual({ rowsJson: requests, done: true });

    // Readable through B's own store, and still after B's vault is opened again from its (re-wrapped) key file.
    const reopened = createDocumentStore(join(b.dataDir, 'documents'), await b.reopenVault());
    expect(Buffer.from(await reopened.get(stored[0]!.sha256)).equals(scan)).toBe(true);
    expect(Buffer.from(await reopened.get(stored[1]!.sha256)).equals(receipt)).toBe(true);
    expect(await readFile(join(b.dataDir, 'operators.json'), 'utf8')).toBe(JSON.stringify([{ login: 'aigerim' }]));
    expect((await b.settings.load()).office.name).toBe('Алматы ХҚКО №1');
    // The wrapped key on disk is B's own: A's secret does not open it.
    await expect(openVault({ folder: join(b.dataDir, 'vault'), protector: createSecretKeyProtector('secret of workstation a') })).rejects.toThrow();

    // A's chain goes on on B: still whole, written on after the restore, and B's own start kept aside.
    await b.audit.append({ actor: 'workstation', action: 'backup.restored' });
    const verified = await b.audit.verify();
    expect(verified.ok).toBe(true);
    // The backup's witness came with its chain (B's own would not fit it: B's verification would fail).
    expect(await readAuditWitness(join(b.dataDir, 'vault', AUDIT_WITNESS_FILE))).toEqual(a.audit.witness());
    const actions = (await b.audit.recent({ limit: 50 })).entries.map((entry) => entry.action);
    expect(actions).toContain('request.signed');
    expect(actions[0]).toBe('backup.restored');
    expect((await readdir(b.dataDir)).filter((name) => name.startsWith('audit-before-restore-'))).toHaveLength(1);
    await b.audit.close();
    await a.audit.close();

    // Done: the workstation now holds data, so a second restore is refused.
    expect(await refusal(b.backup.restore({ path: made.path, passphrase: PASSPHRASE }))).toBe('backup.notEmpty');
  });

  it('changes nothing on the target when the passphrase is wrong or the modes differ', async () => {
    const a = await workstation('a');
    await a.documents.put(Buffer.from('a document'));
    const { backupId } = await a.backup.begin({ passphrase: PASSPHRASE, folder: join(root, 'usb') });
    const made = await a.backup.finish({ backupId });

    const production = await workstation('p', { training: false });
    expect(await refusal(production.backup.restore({ path: made.path, passphrase: 'wrong passphrase!' }))).toBe('backup.wrongPassphrase');
    expect(await refusal(production.backup.restore({ path: made.path, passphrase: PASSPHRASE }))).toBe('backup.otherMode');
    expect(production.vault.dataKey().equals((await production.reopenVault()).dataKey())).toBe(true);
    expect(await refusal(production.documents.get('0'.repeat(64)))).toBe('documents.notFound');
  });

  it('refuses a short passphrase and a folder it cannot write', async () => {
    const a = await workstation('a');
    expect(await refusal(a.backup.begin({ passphrase: 'short', folder: join(root, 'usb') }))).toBe('backup.weakPassphrase');
    await writeFile(join(root, 'not-a-folder'), 'x');
    expect(await refusal(a.backup.begin({ passphrase: PASSPHRASE, folder: join(root, 'not-a-folder', 'backups') }))).toBe('backup.folderUnavailable');
  });

  it('refuses a crafted backup that would write outside the data folder or carry settings this version cannot apply, writing nothing', async () => {
    const craft = async (name: string, records: [RecordHeader, Buffer][]) => {
      const path = join(root, name);
      const writer = await createBackupFileWriter(path, PASSPHRASE, FAST);
      for (const [header, body] of records) await writeRecord(writer, header, body);
      await writer.finish({ format: 1, appVersion: '9.9.9', office: { code: 'X', name: 'X' }, training: true, createdAt: new Date().toISOString(), tables: {}, documents: 0, documentBytes: 0 });
      return path;
    };
    const evil = Buffer.from('evil');
    const b = await workstation('b');
    const escaping = await craft('escape.qbk', [[{ type: 'file', path: 'documents/../../escaped', bytes: 4 }, evil]]);
    expect(await refusal(b.backup.restore({ path: escaping, passphrase: PASSPHRASE }))).toBe('backup.damaged');
    const unlisted = await craft('unlisted.qbk', [[{ type: 'file', path: 'vault/data-key.json', bytes: 4 }, evil]]);
    expect(await refusal(b.backup.restore({ path: unlisted, passphrase: PASSPHRASE }))).toBe('backup.damaged');
    const settings = Buffer.from(JSON.stringify({ retentionDays: -5 }));
    const badSettings = await craft('settings.qbk', [[{ type: 'file', path: 'settings.json', bytes: settings.byteLength }, settings], [{ type: 'file', path: 'documents/ab/x', bytes: 4 }, evil]]);
    expect(await refusal(b.backup.restore({ path: badSettings, passphrase: PASSPHRASE }))).toBe('settings.invalid');
    await expect(access(join(root, 'b', 'escaped'))).rejects.toThrow();
    expect(await readFile(join(b.dataDir, 'vault', 'data-key.json'), 'utf8')).not.toBe('evil');
    await expect(access(join(b.dataDir, 'documents', 'ab', 'x'))).rejects.toThrow();
    await b.audit.close();
  });

  it('keeps one backup at a time: a new one drops the unfinished one and its file', async () => {
    const a = await workstation('a');
    const folder = join(root, 'usb');
    const first = await a.backup.begin({ passphrase: PASSPHRASE, folder });
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    const second = await a.backup.begin({ passphrase: PASSPHRASE, folder });
    expect(await refusal(a.backup.addRows({ backupId: first.backupId, table: 'requests', rowsJson: '[]' }))).toBe('backup.unknownSession');
    await a.backup.finish(second);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await a.audit.close();
  });
});
