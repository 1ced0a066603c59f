/**
 * Issue 16, item 2: with only the channel (the bridge token) and nobody logged in, nothing that reads or removes
 * citizens' data answers. Every method of the contract is called on a real training workstation, logged out.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostApi, type HostMethod } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import { methodAccess } from '../../shared/host/methodAccess';
import { withCheckDigit } from '../../shared/identity/iin';
import { dispatchHostCall } from '../host/dispatchHostCall';
import { createHostLog } from '../host/logging/hostLog';
import { checkAccess } from '../host/operators/operatorSession';
import { startWorkstation, type Workstation } from './startWorkstation';

/**
 * The methods open without a session, each reviewed against the rule. A method added here must say why it
 * neither reads nor removes citizens' data.
 */
const OPEN_WITHOUT_SESSION: Record<string, string> = {
  'app.info': 'version, office and language',
  'operators.status': 'whether any account exists',
  'operators.create': 'only the first account, on an empty workstation',
  'operators.login': 'checks a password',
  'operators.logout': 'ends the session',
  'operators.unlock': 'checks the locked operator’s password',
  'catalog.current': 'public catalog',
  'catalog.get': 'public catalog',
  'updates.status': 'the update state',
  'updates.reportActivity': 'counts only',
  'updates.install': 'installs only when the update policy allows',
  'gateway.probe': 'whether the link is up',
  'gateway.upload': 'sends a stored file to the configured gateway; answers with the outcome only',
  'gateway.commit': 'commits a signed package to the configured gateway; answers with the registration number only',
  'gateway.poll': 'the provider’s step names and status',
  'backup.inspect': 'the handler asks for an administrator once an account exists',
  'backup.restore': 'the handler asks for an administrator once an account exists',
  'backup.readRows': 'only the holder of a restore id (given by backup.restore) reads rows, as stored (sealed)',
  'autoBackup.newest': 'names the newest automatic backup file for restore; the handler asks for an administrator once an account exists',
};

const SESSION_REFUSALS = ['operators.notLoggedIn', 'operators.sessionLocked', 'operators.passwordChangeRequired', 'operators.forbidden'];

let workstation: Workstation;
let stored: string;

beforeAll(async () => {
  const baseDir = await mkdtemp(join(tmpdir(), 'qabyl-loggedout-'));
  workstation = await startWorkstation({ shell: 'web', version: '0.0.0-test', baseDir, appOrigin: () => 'http://127.0.0.1:1', log: createHostLog({ dir: join(baseDir, 'logs') }), dataProtection: { kind: 'secret' } });
  // An operator stores a scan, then leaves: the scan must outlive whatever is called after.
  await workstation.host.handlers['operators.create']({ login: 'aigul', fullName: 'Айгүл Сейітова', iin: withCheckDigit('90010130001')!, password: 'correct horse' });
  stored = (await workstation.host.handlers['documents.put']({ contentBase64: Buffer.from('%PDF-1.4 scan of an ID card').toString('base64') })).sha256;
  await workstation.host.handlers['operators.logout']({});
}, 60_000);
afterAll(() => workstation?.close());

/** The refusal code a direct call gets, or null when the call went past the access check. */
async function refusalOf(method: HostMethod): Promise<string | null> {
  try {
    // Straight to the guarded handler: the access check must come before any argument is looked at.
    await (workstation.host.handlers[method] as (args: unknown) => Promise<unknown>)({});
    return null;
  } catch (error) {
    return error instanceof HostError && SESSION_REFUSALS.includes(error.code) ? error.code : null;
  }
}

describe('a workstation nobody is logged in to', () => {
  it('opens exactly the reviewed methods without a session', () => {
    const open = Object.entries(methodAccess).filter(([, access]) => access === 'workstation').map(([method]) => method);
    expect(open.sort()).toEqual(Object.keys(OPEN_WITHOUT_SESSION).sort());
  });

  it("answers every method as the access table says", async () => {
    for (const method of Object.keys(hostApi) as HostMethod[]) {
      const refusal = await refusalOf(method);
      // A workstation method passes the access check; its handler may still refuse (nothing to unlock, restore's own check).
      if (methodAccess[method] === 'workstation') expect(() => checkAccess(method, null), method).not.toThrow();
      else expect(refusal, method).toBe('operators.notLoggedIn');
    }
  }, 60_000);

  it('keeps the field keys, the registries and stored documents to itself, and sweeps nothing', async () => {
    const handlers = workstation.host.handlers;
    expect(await dispatchHostCall(handlers, 'vault.keys', {})).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
    expect(await dispatchHostCall(handlers, 'registry.individual', { iin: '850515300016' })).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
    expect(await dispatchHostCall(handlers, 'documents.get', { sha256: stored })).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
    const sweep = { databaseId: crypto.randomUUID(), referenced: [], openBatches: [] };
    expect(await dispatchHostCall(handlers, 'documents.sweep', sweep)).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
    // Restore's offer names backup files only where restore itself is open to the caller.
    expect(await dispatchHostCall(handlers, 'autoBackup.newest', { folder: tmpdir() })).toEqual({ ok: false, error: { code: 'operators.notLoggedIn' } });
    await handlers['operators.login']({ login: 'aigul', password: 'correct horse' });
    expect(Buffer.from((await handlers['documents.get']({ sha256: stored })).contentBase64, 'base64').toString()).toBe('%PDF-1.4 scan of an ID card');
    await handlers['operators.logout']({});
  });
});
