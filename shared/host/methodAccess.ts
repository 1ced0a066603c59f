/**
 * Who may make each host call. The host enforces this table before a handler runs; it is typed over every
 * method of the contract, so a new method does not compile until someone decides who may call it.
 *
 * - workstation: the running app itself, with or without an operator logged in (start-up, login, and the
 *   sync engine, which keeps delivering the queue while nobody is at the window);
 * - operator / supervisor / administrator: a logged-in operator of at least that role.
 */
import type { HostMethod, OperatorProfile } from './hostApi';

export type Role = OperatorProfile['role'];
export type Access = 'workstation' | Role;

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
  'gateway.result': 'workstation',
  'registry.individual': 'workstation',
  'registry.legalEntity': 'workstation',
  'registry.powerOfAttorney': 'workstation',
  'registry.payment': 'operator',
  'documents.put': 'operator',
  'documents.get': 'operator',
  // Before anyone logs in, like sync: what a crash left behind goes whoever sits down next.
  'documents.sweep': 'workstation',
  'documents.purge': 'operator',
  // See hostApi: the sync engine needs the field keys before anyone logs in.
  'vault.keys': 'workstation',
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
  'audit.record': 'operator',
  'diagnostics.export': 'supervisor',
  'audit.recent': 'supervisor',
  'audit.verify': 'supervisor',
  'catalog.import': 'administrator',
  'settings.get': 'administrator',
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
};

/** Whether someone logged in with `role` (or nobody, null) may make a call that needs `access`. */
export function mayCall(access: Access, role: Role | null): boolean {
  if (access === 'workstation') return true;
  return role !== null && roleRank[role] >= roleRank[access];
}
