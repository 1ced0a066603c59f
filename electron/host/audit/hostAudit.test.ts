/** The audit log inside a running workstation: what the host itself records, in whose name, and the close seal. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/identity/iin';
import { startWorkstation, type Workstation } from '../../compose/startWorkstation';
import { createHostLog } from '../logging/hostLog';
import { verifyAuditLog } from './verifyAuditLog';

let baseDir: string | undefined;
let workstation: Workstation | undefined;
afterEach(async () => {
  await workstation?.close();
  if (baseDir) await rm(baseDir, { recursive: true, force: true });
});

it('records logins (failed too), settings by name only and logout in the operator’s name, and seals the log at close', async () => {
  baseDir = await mkdtemp(join(tmpdir(), 'qabyl-audit-ws-'));
  workstation = await startWorkstation({ shell: 'web', version: '0.0.0-test', baseDir, appOrigin: () => 'http://127.0.0.1:1', log: createHostLog({ dir: join(baseDir, 'logs') }), dataProtection: { kind: 'secret' } });
  const { handlers } = workstation.host;
  const admin = await handlers['operators.create']({ login: 'aigerim', fullName: 'Сейітова Айгерім', iin: withCheckDigit('90010140001')!, password: 'operator-pass-1' });
  await handlers['operators.logout']({});
  await expect(handlers['operators.login']({ login: 'aigerim', password: 'wrong-password' })).rejects.toThrow();
  // A password typed into the login field by mistake, and the same login typed differently.
  await expect(handlers['operators.login']({ login: 'Typed-Pass-In-Login!', password: 'wrong-password' })).rejects.toThrow();
  await expect(handlers['operators.login']({ login: ' AIGERIM', password: 'wrong-password' })).rejects.toThrow();
  await handlers['operators.login']({ login: 'aigerim', password: 'operator-pass-1' });
  await handlers['settings.update']({ office: { name: 'Алматы, №7' }, gateway: { clientSecret: 'very-secret-value' } });
  const added = await handlers['operators.add']({ login: 'nurlan', fullName: 'Сейітов Нұрлан', iin: withCheckDigit('87041230041')!, role: 'operator', password: 'initial-pass-1' });
  await handlers['operators.update']({ id: added.id, role: 'supervisor' });
  await handlers['operators.resetPassword']({ id: added.id, password: 'another-pass-2' });
  await expect(handlers['audit.record']({ action: 'paper.printed', subject: '3b0e7c7e-58d5-4bd6-9a39-1f6b8e0c2d40', details: { paper: 'acceptance' } })).resolves.toMatchObject({ seq: expect.any(Number) });

  const { entries } = await handlers['audit.recent']({ limit: 30 });
  const me = { operatorId: admin.id, login: 'aigerim' };
  // Failed logins are kept as a keyed hash of what was typed, never the text: the same login folds to one value.
  const failed = entries.filter((entry) => entry.action === 'operator.loginFailed').map((entry) => entry.subject);
  expect(failed).toHaveLength(3);
  for (const subject of failed) expect(subject).toMatch(/^login:[0-9a-f]{16}$/);
  const [aigerim, typedPassword, aigerimAgain] = failed.reverse();
  expect(aigerimAgain).toBe(aigerim);
  expect(typedPassword).not.toBe(aigerim);
  expect(entries.reverse().filter((entry) => !entry.action.startsWith('audit.')).map(({ action, actor, subject }) => ({ action, actor, subject }))).toEqual([
    { action: 'operator.accountChanged', actor: me, subject: admin.id },
    { action: 'operator.logout', actor: me, subject: undefined },
    { action: 'operator.loginFailed', actor: 'workstation', subject: aigerim },
    { action: 'operator.loginFailed', actor: 'workstation', subject: typedPassword },
    { action: 'operator.loginFailed', actor: 'workstation', subject: aigerim },
    { action: 'operator.login', actor: me, subject: 'aigerim' },
    { action: 'settings.changed', actor: me, subject: 'office.name,gateway.clientSecret' },
    { action: 'operator.accountChanged', actor: me, subject: added.id },
    { action: 'operator.accountChanged', actor: me, subject: added.id },
    { action: 'operator.accountChanged', actor: me, subject: added.id },
    { action: 'paper.printed', actor: me, subject: '3b0e7c7e-58d5-4bd6-9a39-1f6b8e0c2d40' },
  ]);
  for (const secret of ['very-secret-value', 'initial-pass-1', 'another-pass-2']) expect(JSON.stringify(entries)).not.toContain(secret);
  expect(entries.filter((entry) => entry.subject === added.id).map((entry) => entry.details)).toEqual([
    { change: 'added', role: 'operator' },
    { change: 'updated', fields: ['role'], role: 'supervisor' },
    { change: 'passwordReset' },
  ]);

  await handlers['operators.logout']({});
  await expect(handlers['audit.recent']({ limit: 1 })).rejects.toMatchObject({ code: 'operators.notLoggedIn' });
  await workstation.close();
  workstation = undefined;
  const auditDir = join(baseDir, 'training', 'audit');
  const sealed = await verifyAuditLog(auditDir);
  // The closing checkpoint covers everything, the last logout included.
  expect(sealed).toMatchObject({ ok: true, sealedThrough: sealed.entries });
  expect(await readFile(join(auditDir, 'audit.jsonl'), 'utf8')).not.toMatch(/typed-pass-in-login/i);
});
