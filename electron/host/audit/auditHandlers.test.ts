import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { recordedActionSchema } from '../../../shared/audit/auditEntry';
import { createHostLog } from '../logging/hostLog';
import { createOperatorSession } from '../operators/operatorSession';
import { createAuditRecorder, settingKeys } from './auditHandlers';
import { openAuditLog, type AuditLog } from './auditLog';

let dir: string;
let log: AuditLog;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qabyl-audit-host-'));
  log = await openAuditLog({ dir: join(dir, 'audit') });
});
afterEach(async () => {
  await log.close();
  await rm(dir, { recursive: true, force: true });
});

const supervisor = { id: 'op-7', login: 'nurlan', fullName: 'Нұрлан Сейітов', iin: '870412300415', role: 'supervisor' as const };
const requestId = '6f1c8a52-8d8e-4a53-9a51-3f3e0f1d2b11';

it('stamps the logged-in operator as the actor, whatever the renderer sent, and the workstation when nobody is', async () => {
  const session = createOperatorSession();
  const recorder = createAuditRecorder(log, session, createHostLog({ dir: join(dir, 'logs') }));
  await recorder.record('submission.registered', requestId);
  session.begin(supervisor, false);
  const forged = { action: 'request.changed', subject: requestId, details: { fields: ['phone'] }, actor: 'workstation' };
  expect(recordedActionSchema.safeParse(forged).success).toBe(false);
  const { actor: _dropped, ...args } = forged;
  await recorder.handlers['audit.record'](recordedActionSchema.parse(args));
  const { entries } = await recorder.handlers['audit.recent']({ limit: 2 });
  expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
    ['request.changed', { operatorId: 'op-7', login: 'nurlan' }],
    ['submission.registered', 'workstation'],
  ]);
  // Verifying is itself on the record.
  expect((await recorder.handlers['audit.verify']({})).ok).toBe(true);
  expect((await log.recent({ limit: 1 })).entries[0]).toMatchObject({ action: 'audit.verified', details: { ok: true } });
});

it('refuses free text where an identifier belongs, so no name or IIN rides in a detail', () => {
  expect(recordedActionSchema.safeParse({ action: 'request.changed', subject: requestId, details: { fields: ['Ахметова Айгерім'] } }).success).toBe(false);
  expect(recordedActionSchema.safeParse({ action: 'request.changed', subject: '870412300415' }).success).toBe(false);
  expect(recordedActionSchema.safeParse({ action: 'operator.login' }).success).toBe(false);
});

it('names the settings a patch changes, never their values', () => {
  expect(settingKeys({ office: { code: '0101', name: 'ЦОН' }, gateway: { clientSecret: 's3cret' }, scanner: { esclUrls: ['http://a'] } })).toEqual([
    'office.code',
    'office.name',
    'gateway.clientSecret',
    'scanner.esclUrls',
  ]);
});
