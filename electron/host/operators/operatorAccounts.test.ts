import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createOperatorAccounts } from './operatorAccounts';

const iin = withCheckDigit('90010130001')!;

async function fresh() {
  const file = join(await mkdtemp(join(tmpdir(), 'qabyl-ops-')), 'operators.json');
  return { file, accounts: createOperatorAccounts(file) };
}

describe('operatorAccounts', () => {
  it('creates the first account as administrator and logs in with it', async () => {
    const { accounts } = await fresh();
    expect(await accounts.hasOperators()).toBe(false);
    const created = await accounts.createFirst({ login: 'aigul', fullName: 'Айгүл Сейітова', iin, password: 'correct horse' });
    expect(created.role).toBe('administrator');
    expect(await accounts.hasOperators()).toBe(true);
    expect(await accounts.login('aigul', 'correct horse')).toEqual(created);
  });

  it('never stores the password itself', async () => {
    const { file, accounts } = await fresh();
    await accounts.createFirst({ login: 'aigul', fullName: 'Айгүл', iin, password: 'correct horse' });
    expect(await readFile(file, 'utf8')).not.toContain('correct horse');
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
});
