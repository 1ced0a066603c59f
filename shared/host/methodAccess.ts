/**
 * Who may make each host call. The host enforces this table before a handler runs; it is typed over every
 * method of the contract, so a new method does not compile until someone decides who may call it.
 *
 * The rule: nothing that reads or removes citizens' data is callable without an operator session.
 *
 * - workstation: anyone holding the channel, with or without an operator logged in: start-up, login, and the
 *   delivery calls of the sync engine, which move what is stored to the configured gateway and answer only
 *   with the gateway's outcome, never a stored document or an applicant's details;
 * - session: an operator is logged in, even behind the lock screen (the sync engine's calls that bring
 *   citizens' data back keep running while the screen is locked, never while nobody is logged in);
 * - operator / supervisor / administrator: a logged-in, unlocked operator of at least that role.
 */
import type { HostMethod, OperatorProfile } from './hostApi';

export type Role = OperatorProfile['role'];
export type Access = 'workstation' | 'session' | Role;

export const roleRank: Record<Role, number> = { operator: 1, supervisor: 2, administrator: 3 };

export const methodAccess: Record<HostMethod, Access> = {
  'app.info': 'workstation',
  'operators.status': 'workstation',
  'operators.create': 'workstation',
  'operators.login': 'workstation',
  // Logout and unlock must work from a locked session, whose operator calls are refused.
  'operators.logout': 'workstation',
  'operators.unlock': 'workstation',
  'operators.lock': 'operator',
  // Needs an unlocked session: once the host has locked it for idleness, input no longer counts until unlock.
  'operators.activity': 'operator',
  'operators.changePassword': 'operator',
  'operators.list': 'administrator',
  'operators.add': 'administrator',
  'operators.update': 'administrator',
  'operators.resetPassword': 'administrator',
  'catalog.current': 'workstation',
  'catalog.get': 'workstation',
  'updates.status': 'workstation',
  'updates.reportActivity': 'workstation',
  'updates.install': 'workstation',
  'gateway.probe': 'workstation',
  'gateway.upload': 'workstation',
  'gateway.commit': 'workstation',
  'gateway.poll': 'workstation',
  // A result and the registries' answers are citizens' data: the sync engine fetches them only in a session.
  'gateway.result': 'session',
  'registry.individual': 'session',
  'registry.legalEntity': 'session',
  'registry.powerOfAttorney': 'session',
  'registry.payment': 'operator',
  'documents.put': 'operator',
  'documents.get': 'operator',
  // Removes stored files: the renderer runs it once per window after the first login.
  'documents.sweep': 'operator',
  'documents.purge': 'operator',
  // The keys open every sealed row: handed to a logged-in operator's page, which keeps them until it closes.
  'vault.keys': 'operator',
  'scan.devices': 'operator',
  'scan.open': 'operator',
  'scan.view': 'operator',
  'scan.start': 'operator',
  'scan.cancel': 'operator',
  'scan.import': 'operator',
  'scan.edit': 'operator',
  'scan.finish': 'operator',
  'scan.discard': 'operator',
  'keys.list': 'operator',
  'revocation.status': 'operator',
  'signing.start': 'operator',
  'signing.result': 'operator',
  'papers.acceptanceReceipt': 'operator',
  'papers.refusalReceipt': 'operator',
  // Names the applicant: only for a logged-in operator, like the other papers.
  'papers.withdrawalNotice': 'operator',
  'audit.record': 'operator',
  'diagnostics.export': 'supervisor',
  'audit.recent': 'supervisor',
  'audit.verify': 'supervisor',
  'catalog.import': 'administrator',
  'settings.get': 'administrator',
  'trust.status': 'administrator',
  'settings.update': 'administrator',
  'settings.import': 'administrator',
  'backup.begin': 'administrator',
  'backup.addRows': 'administrator',
  'backup.finish': 'administrator',
  'backup.status': 'administrator',
  // Restore must also work from the first-run screen, before any operator exists (the accounts come back with the
  // backup); this table cannot say "administrator, or nobody set up yet", so the host's handlers check that.
  'backup.inspect': 'workstation',
  'backup.restore': 'workstation',
  'backup.readRows': 'workstation',
  // The automatic backup runs in whoever's session is open (also behind the lock screen); the host decides whether it is due.
  'autoBackup.due': 'session',
  'autoBackup.begin': 'session',
  'autoBackup.addRows': 'session',
  'autoBackup.finish': 'session',
  'autoBackup.status': 'supervisor',
  'autoBackup.setKey': 'administrator',
  // Offered on the first-run screen like restore; the handler checks as it does for backup.inspect.
  'autoBackup.newest': 'workstation',
};

/** Whether someone logged in with `role` (or nobody, null) may make a call that needs `access`. */
export function mayCall(access: Access, role: Role | null): boolean {
  if (access === 'workstation') return true;
  if (access === 'session') return role !== null;
  return role !== null && roleRank[role] >= roleRank[access];
}
