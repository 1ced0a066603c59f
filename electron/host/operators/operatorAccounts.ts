/**
 * Local operator accounts. Password hashes (scrypt) live only on the host side; the renderer learns
 * the operator's profile after a successful login and nothing else.
 */
import { randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { HostError } from '../../../shared/host/hostError';
import type { OperatorProfile } from '../../../shared/host/hostApi';
import { isValidIin } from '../../../shared/identity/iin';
import { writeFileAtomically } from '../storage/atomicFile';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const MIN_PASSWORD_LENGTH = 8;

interface StoredAccount extends OperatorProfile {
  salt: string;
  hash: string;
  createdAt: string;
}

export interface NewOperator {
  login: string;
  fullName: string;
  iin: string;
  password: string;
}

export interface OperatorAccounts {
  hasOperators(): Promise<boolean>;
  createFirst(operator: NewOperator): Promise<OperatorProfile>;
  login(login: string, password: string): Promise<OperatorProfile>;
}

const hashPassword = (password: string, salt: Buffer) => scrypt(password, salt, 32, SCRYPT);
const profileOf = ({ id, login, fullName, iin, role }: StoredAccount): OperatorProfile => ({ id, login, fullName, iin, role });

export function createOperatorAccounts(file: string): OperatorAccounts {
  const load = async (): Promise<StoredAccount[]> => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '[]';
      throw error;
    });
    return JSON.parse(text) as StoredAccount[];
  };
  // A dummy hash keeps a wrong login as slow as a wrong password, so logins cannot be probed by timing.
  const dummySalt = randomBytes(16);

  return {
    async hasOperators() {
      return (await load()).length > 0;
    },
    async createFirst(operator) {
      const accounts = await load();
      if (accounts.length > 0) throw new HostError('operators.alreadySetUp');
      if (!isValidIin(operator.iin)) throw new HostError('identity.invalidIin');
      if (operator.password.length < MIN_PASSWORD_LENGTH) throw new HostError('operators.weakPassword');
      const salt = randomBytes(16);
      const account: StoredAccount = {
        id: randomUUID(),
        login: operator.login.trim(),
        fullName: operator.fullName.trim(),
        iin: operator.iin,
        role: 'administrator',
        salt: salt.toString('base64'),
        hash: (await hashPassword(operator.password, salt)).toString('base64'),
        createdAt: new Date().toISOString(),
      };
      await writeFileAtomically(file, JSON.stringify([account], null, 2));
      return profileOf(account);
    },
    async login(login, password) {
      const account = (await load()).find((candidate) => candidate.login === login.trim());
      const salt = account ? Buffer.from(account.salt, 'base64') : dummySalt;
      const hash = await hashPassword(password, salt);
      if (!account || !timingSafeEqual(hash, Buffer.from(account.hash, 'base64'))) {
        throw new HostError('operators.invalidCredentials');
      }
      return profileOf(account);
    },
  };
}
