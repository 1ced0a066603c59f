import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createOperatorAccounts, LOCKOUT_MS, MAX_FAILED_PASSWORDS } from './operatorAccounts';

const iin = withCheckDigit('90010130001')!;
const otherIin = withCheckDigit('85020250002')!;

async function fresh() {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-ops-'));
  const file = join(dir, 'operators.json');
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const now = () => new Date(clock);
  return {
    dir,
    file,
    accounts: createOperatorAccounts(file, { now }),
    /** The same files opened again, as after a restart of the workstation. */
    reopen: () => createOperatorAccounts(file, { now }),
    advance: (ms: number) => void (clock += ms),
  };
}

async function withAdministrator() {
  const setup = await fresh();
  const admin = await setup.accounts.createFirst({ login: 'aigul', fullName: 'Айгүл Сейітова', iin, password: 'correct horse' });
  return { ...setup, admin };
}

describe('operatorAccounts', () => {
  it('creates the first account as administrator and logs in with it', async () => {
    const { accounts } = await fresh();
    expect(await accounts.hasOperators()).toBe(false);
    const created = await accounts.createFirst({ login: 'aigul', fullName: 'Айгүл Сейітова', iin, password: 'correct horse' });
    expect(created.role).toBe('administrator');
    expect(await accounts.hasOperators()).toBe(true);
    expect(await accounts.login('aigul', 'correct horse')).toEqual({ ...created, mustChangePassword: false });
  });

  it('never stores the password itself, and never hands out hashes', async () => {
    const { file, accounts } = await withAdministrator();
    await accounts.add({ login: 'daulet', fullName: 'Дәулет', iin: otherIin, role: 'operator', password: 'first pass 1' });
    const stored = await readFile(file, 'utf8');
    expect(stored).not.toContain('correct horse');
    expect(stored).not.toContain('first pass 1');
    for (const view of await accounts.list()) expect(Object.keys(view).sort()).toEqual(['createdAt', 'disabled', 'fullName', 'id', 'iin', 'lockedUntil', 'login', 'mustChangePassword', 'role']);
  });

  it('refuses wrong passwords, unknown logins, a second setup, short passwords and bad IINs', async () => {
    const { accounts } = await fresh();
    await expect(accounts.createFirst({ login: 'a', fullName: 'A B', iin: '123456789012', password: 'long enough' })).rejects.toMatchObject({ code: 'identity.invalidIin' });
    await expect(accounts.createFirst({ login: 'a', fullName: 'A B', iin, password: 'short' })).rejects.toMatchObject({ code: 'operators.weakPassword' });
    await accounts.createFirst({ login: 'aigul', fullName: 'Айгүл', iin, password: 'correct horse' });
    await expect(accounts.login('aigul', 'wrong horse')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.login('nobody', 'correct horse')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.createFirst({ login: 'b', fullName: 'B', iin, password: 'correct horse' })).rejects.toMatchObject({ code: 'operators.alreadySetUp' });
  });

  it('adds accounts that must change their password first, with unique logins and valid IINs', async () => {
    const { accounts } = await withAdministrator();
    const added = await accounts.add({ login: 'daulet', fullName: 'Дәулет Серік', iin: otherIin, role: 'operator', password: 'first pass 1' });
    expect(added).toMatchObject({ login: 'daulet', role: 'operator', disabled: false, mustChangePassword: true, lockedUntil: null });
    expect(await accounts.login('daulet', 'first pass 1')).toMatchObject({ mustChangePassword: true });
    await expect(accounts.add({ login: 'Daulet ', fullName: 'Басқа', iin: otherIin, role: 'operator', password: 'first pass 1' })).rejects.toMatchObject({ code: 'operators.loginTaken' });
    await expect(accounts.add({ login: 'erlan', fullName: 'Ерлан', iin: '900101300010', role: 'operator', password: 'first pass 1' })).rejects.toMatchObject({ code: 'identity.invalidIin' });
    await expect(accounts.add({ login: 'erlan', fullName: 'Ерлан', iin: otherIin, role: 'operator', password: 'short' })).rejects.toMatchObject({ code: 'operators.weakPassword' });
  });

  it('changes a password only with the old one, to a different one, and then no change is due', async () => {
    const { accounts } = await withAdministrator();
    const { id } = await accounts.add({ login: 'daulet', fullName: 'Дәулет', iin: otherIin, role: 'operator', password: 'first pass 1' });
    await expect(accounts.changePassword(id, 'not the old one', 'my own pass')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.changePassword(id, 'first pass 1', 'first pass 1')).rejects.toMatchObject({ code: 'operators.samePassword' });
    await expect(accounts.changePassword(id, 'first pass 1', 'short')).rejects.toMatchObject({ code: 'operators.weakPassword' });
    await accounts.changePassword(id, 'first pass 1', 'my own pass');
    await expect(accounts.login('daulet', 'first pass 1')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    expect(await accounts.login('daulet', 'my own pass')).toMatchObject({ mustChangePassword: false });
  });

  it('disables and enables accounts, changes roles, and never leaves the office without an active administrator', async () => {
    const { accounts, admin } = await withAdministrator();
    await expect(accounts.update(admin.id, { disabled: true })).rejects.toMatchObject({ code: 'operators.lastAdministrator' });
    await expect(accounts.update(admin.id, { role: 'supervisor' })).rejects.toMatchObject({ code: 'operators.lastAdministrator' });
    const second = await accounts.add({ login: 'daulet', fullName: 'Дәулет', iin: otherIin, role: 'administrator', password: 'first pass 1' });
    await accounts.update(second.id, { disabled: true });
    // A disabled administrator does not count: the first one is still the last active one.
    await expect(accounts.update(admin.id, { role: 'operator' })).rejects.toMatchObject({ code: 'operators.lastAdministrator' });
    await expect(accounts.login('daulet', 'first pass 1')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    expect(await accounts.update(second.id, { disabled: false, fullName: ' Дәулет Серік ' })).toMatchObject({ disabled: false, fullName: 'Дәулет Серік' });
    expect(await accounts.update(admin.id, { role: 'supervisor' })).toMatchObject({ role: 'supervisor' });
    await expect(accounts.update(second.id, { role: 'operator' })).rejects.toMatchObject({ code: 'operators.lastAdministrator' });
    await expect(accounts.update('no-such-id', { disabled: true })).rejects.toMatchObject({ code: 'operators.unknownAccount' });
  });

  it(`locks a login for 15 minutes after ${MAX_FAILED_PASSWORDS} wrong passwords, across a restart, and says how long`, async () => {
    const { accounts, reopen, advance } = await withAdministrator();
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) await expect(accounts.login('aigul', `wrong ${attempt}`)).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.login('aigul', 'wrong 5')).rejects.toMatchObject({ code: 'operators.lockedOut', detail: '15' });
    // Even the right password waits, in this process and in the next one.
    await expect(accounts.login('aigul', 'correct horse')).rejects.toMatchObject({ code: 'operators.lockedOut' });
    advance(LOCKOUT_MS - 4 * 60_000 - 1);
    await expect(reopen().login('aigul', 'correct horse')).rejects.toMatchObject({ code: 'operators.lockedOut', detail: '5' });
    expect((await reopen().list())[0]!.lockedUntil).toBe('2026-03-02T09:15:00.000Z');
    advance(4 * 60_000 + 1);
    expect(await reopen().login('aigul', 'correct horse')).toMatchObject({ login: 'aigul' });
  });

  it('answers a disabled account as a wrong password, whatever the password, and counts it toward the lockout the same way', async () => {
    const { accounts } = await withAdministrator();
    const { id } = await accounts.add({ login: 'daulet', fullName: 'Дәулет', iin: otherIin, role: 'operator', password: 'first pass 1' });
    await accounts.update(id, { disabled: true });
    // The right password must not tell a disabled account apart from a wrong password (or from a login that does not exist).
    const refusals = await Promise.all(['first pass 1', 'wrong', 'first pass 1'].map((password) => accounts.login('daulet', password).catch((error: unknown) => error)));
    expect(refusals).toEqual(Array(3).fill(expect.objectContaining({ code: 'operators.invalidCredentials' })));
    await expect(accounts.verify(id, 'first pass 1')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.login('daulet', 'first pass 1')).rejects.toMatchObject({ code: 'operators.lockedOut', detail: '15' });
    await expect(accounts.changePassword(id, 'first pass 1', 'second pass 2')).rejects.toMatchObject({ code: 'operators.lockedOut' });
  });

  it('counts unknown logins the same way, so a lockout tells nothing about whether the login exists', async () => {
    const { accounts, dir } = await withAdministrator();
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) await expect(accounts.login('nobody', 'guess')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.login('nobody', 'guess')).rejects.toMatchObject({ code: 'operators.lockedOut', detail: '15' });
    // Whatever was typed as the login is not kept readable.
    expect(await readFile(join(dir, 'login-failures.json'), 'utf8')).not.toContain('nobody');
  });

  it('drops the counts of logins nobody has mistyped for a day, even ones that were locked out', async () => {
    const { accounts, dir, advance } = await withAdministrator();
    for (let attempt = 1; attempt <= MAX_FAILED_PASSWORDS; attempt++) await accounts.login('nobody', 'guess').catch(() => undefined);
    advance(24 * 3_600_000 + 1);
    await expect(accounts.login('someone', 'guess')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    expect(Object.keys(JSON.parse(await readFile(join(dir, 'login-failures.json'), 'utf8')) as object)).toHaveLength(1);
  });

  it('forgets the count after a successful login', async () => {
    const { accounts } = await withAdministrator();
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) await expect(accounts.login('aigul', 'wrong')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await accounts.login('aigul', 'correct horse');
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) await expect(accounts.login('aigul', 'wrong')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    expect(await accounts.login('aigul', 'correct horse')).toMatchObject({ login: 'aigul' });
  });

  it('counts wrong unlock passwords toward the same lockout; a password reset lifts it', async () => {
    const { accounts, admin } = await withAdministrator();
    const { id } = await accounts.add({ login: 'daulet', fullName: 'Дәулет', iin: otherIin, role: 'operator', password: 'first pass 1' });
    for (let attempt = 1; attempt < MAX_FAILED_PASSWORDS; attempt++) await expect(accounts.verify(id, 'wrong')).rejects.toMatchObject({ code: 'operators.invalidCredentials' });
    await expect(accounts.login('daulet', 'wrong')).rejects.toMatchObject({ code: 'operators.lockedOut' });
    expect((await accounts.list()).find((view) => view.id === id)!.lockedUntil).not.toBeNull();
    expect(await accounts.resetPassword(id, 'second pass 2')).toMatchObject({ mustChangePassword: true, lockedUntil: null });
    expect(await accounts.login('daulet', 'second pass 2')).toMatchObject({ mustChangePassword: true });
    expect(await accounts.verify(admin.id, 'correct horse')).toEqual(admin);
  });

  it('loads a file written before accounts were managed: active, no password change due', async () => {
    const { file, accounts } = await withAdministrator();
    const stored = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
    await writeFile(file, JSON.stringify(stored.map(({ disabled: _disabled, mustChangePassword: _mustChange, ...old }) => old)));
    expect(await readFile(file, 'utf8')).not.toContain('disabled');
    expect(await accounts.login('aigul', 'correct horse')).toMatchObject({ role: 'administrator', mustChangePassword: false });
    expect(await accounts.list()).toEqual([expect.objectContaining({ disabled: false, mustChangePassword: false })]);
    // And its last administrator is protected like any other.
    await expect(accounts.update(stored[0]!.id as string, { disabled: true })).rejects.toMatchObject({ code: 'operators.lastAdministrator' });
  });
});
