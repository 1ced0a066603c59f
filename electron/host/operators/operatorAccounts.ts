/**
 * Local operator accounts. Password hashes (scrypt) live only on the host side; the renderer learns
 * profiles (and, for the administrator, account states) and nothing else.
 *
 * Wrong passwords are counted per login in a file of their own, keyed by a hash of the login, so the
 * count survives a restart, covers logins that do not exist without telling them apart, and keeps
 * whatever someone typed into the login field out of plain sight.
 */
import { createHash, randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { HostError } from '../../../shared/host/hostError';
import type { AccountView, OperatorProfile } from '../../../shared/host/hostApi';
import type { Role } from '../../../shared/host/methodAccess';
import { isValidIin } from '../../../shared/identity/iin';
import { writeFileAtomically } from '../storage/atomicFile';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const MIN_PASSWORD_LENGTH = 8;
export const MAX_FAILED_PASSWORDS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Counts of logins nobody has mistyped for a day are dropped, so guessing random logins cannot grow the file forever. */
const FAILURE_MEMORY_MS = 24 * 3_600_000;

interface StoredAccount extends OperatorProfile {
  salt: string;
  hash: string;
  createdAt: string;
  // Absent in files written before accounts were managed: such accounts are active with a password of their own.
  disabled?: boolean;
  mustChangePassword?: boolean;
}

interface FailureRecord {
  count: number;
  lastAt: string;
  lockedUntil?: string;
}
type Failures = Record<string, FailureRecord>;

export interface NewOperator {
  login: string;
  fullName: string;
  iin: string;
  password: string;
}

export interface LoggedIn extends OperatorProfile {
  mustChangePassword: boolean;
}

export interface AccountChanges {
  fullName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

export interface OperatorAccounts {
  hasOperators(): Promise<boolean>;
  createFirst(operator: NewOperator): Promise<OperatorProfile>;
  login(login: string, password: string): Promise<LoggedIn>;
  /** Checks an account's password again (unlocking the screen); counts toward the lockout like a login. */
  verify(id: string, password: string): Promise<OperatorProfile>;
  changePassword(id: string, oldPassword: string, newPassword: string): Promise<OperatorProfile>;
  list(): Promise<AccountView[]>;
  add(operator: NewOperator & { role: Role }): Promise<AccountView>;
  update(id: string, changes: AccountChanges): Promise<AccountView>;
  resetPassword(id: string, password: string): Promise<AccountView>;
}

const hashPassword = (password: string, salt: Buffer) => scrypt(password, salt, 32, SCRYPT);
const profileOf = ({ id, login, fullName, iin, role }: StoredAccount): OperatorProfile => ({ id, login, fullName, iin, role });
const foldLogin = (login: string) => login.trim().toLowerCase();
const failureKey = (login: string) => createHash('sha256').update(foldLogin(login)).digest('hex');
const isActiveAdministrator = (account: StoredAccount) => account.role === 'administrator' && !account.disabled;

async function readJson<T>(file: string, empty: T): Promise<T> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  return text === null ? empty : (JSON.parse(text) as T);
}

export function createOperatorAccounts(
  file: string,
  options: {
    now?: () => Date;
    /** Which IINs an account may carry (shared/pki/trustProfiles.ts: NCA's test IINs in the NCA test profile); default: valid IINs. */
    iinAccepted?: (iin: string) => boolean;
  } = {},
): OperatorAccounts {
  const now = options.now ?? (() => new Date());
  const iinAccepted = options.iinAccepted ?? isValidIin;
  const failuresFile = join(dirname(file), 'login-failures.json');
  const load = () => readJson<StoredAccount[]>(file, []);
  const save = (accounts: StoredAccount[]) => writeFileAtomically(file, JSON.stringify(accounts, null, 2));
  const saveFailures = (failures: Failures) => writeFileAtomically(failuresFile, JSON.stringify(failures, null, 2));
  // A dummy hash keeps a wrong login as slow as a wrong password, so logins cannot be probed by timing.
  const dummySalt = randomBytes(16);

  // Read-modify-write of either file happens one at a time, or two quick failures could count as one.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  const lockedOut = (until: number) => new HostError('operators.lockedOut', String(Math.max(1, Math.ceil((until - now().getTime()) / 60_000))));

  const lockoutEnd = (failures: Failures, login: string): number | null => {
    const until = failures[failureKey(login)]?.lockedUntil;
    return until && Date.parse(until) > now().getTime() ? Date.parse(until) : null;
  };

  /**
   * The account whose password this is, or a refusal that counts toward the login's lockout. A disabled account
   * is refused like a wrong password whatever was typed, after the same hash and the same count, so neither the
   * answer nor its timing tells a disabled account, a wrong password and an unknown login apart.
   */
  async function checkPassword(accounts: StoredAccount[], login: string, password: string): Promise<StoredAccount> {
    const failures = await readJson<Failures>(failuresFile, {});
    const lockedUntil = lockoutEnd(failures, login);
    if (lockedUntil !== null) throw lockedOut(lockedUntil);
    const account = accounts.find((candidate) => foldLogin(candidate.login) === foldLogin(login));
    const hash = await hashPassword(password, account ? Buffer.from(account.salt, 'base64') : dummySalt);
    const key = failureKey(login);
    const matches = account ? timingSafeEqual(hash, Buffer.from(account.hash, 'base64')) : false;
    if (account && matches && !account.disabled) {
      if (failures[key]) {
        delete failures[key];
        await saveFailures(failures);
      }
      return account;
    }
    const at = now().getTime();
    // A lockout (LOCKOUT_MS) always ends well within FAILURE_MEMORY_MS of its last failure, so age alone decides.
    for (const [other, record] of Object.entries(failures)) {
      if (Date.parse(record.lastAt) < at - FAILURE_MEMORY_MS) delete failures[other];
    }
    // A lockout that has run out starts a fresh count.
    const previous = failures[key]?.lockedUntil ? 0 : (failures[key]?.count ?? 0);
    const count = previous + 1;
    const record: FailureRecord = { count, lastAt: new Date(at).toISOString() };
    if (count >= MAX_FAILED_PASSWORDS) record.lockedUntil = new Date(at + LOCKOUT_MS).toISOString();
    failures[key] = record;
    await saveFailures(failures);
    if (record.lockedUntil) throw lockedOut(Date.parse(record.lockedUntil));
    throw new HostError('operators.invalidCredentials');
  }

  const checkNewAccount = (accounts: StoredAccount[], operator: NewOperator) => {
    if (!iinAccepted(operator.iin)) throw new HostError('identity.invalidIin');
    if (operator.password.length < MIN_PASSWORD_LENGTH) throw new HostError('operators.weakPassword');
    if (accounts.some((account) => foldLogin(account.login) === foldLogin(operator.login))) throw new HostError('operators.loginTaken');
  };

  const newAccount = async (operator: NewOperator, role: Role, mustChangePassword: boolean): Promise<StoredAccount> => {
    const salt = randomBytes(16);
    return {
      id: randomUUID(),
      login: operator.login.trim(),
      fullName: operator.fullName.trim(),
      iin: operator.iin,
      role,
      salt: salt.toString('base64'),
      hash: (await hashPassword(operator.password, salt)).toString('base64'),
      createdAt: now().toISOString(),
      disabled: false,
      mustChangePassword,
    };
  };

  const withPassword = async (account: StoredAccount, password: string): Promise<StoredAccount> => {
    if (password.length < MIN_PASSWORD_LENGTH) throw new HostError('operators.weakPassword');
    const salt = randomBytes(16);
    return { ...account, salt: salt.toString('base64'), hash: (await hashPassword(password, salt)).toString('base64') };
  };

  const find = (accounts: StoredAccount[], id: string) => {
    const index = accounts.findIndex((account) => account.id === id);
    if (index < 0) throw new HostError('operators.unknownAccount');
    return index;
  };

  const viewsOf = async (accounts: StoredAccount[]): Promise<AccountView[]> => {
    const failures = await readJson<Failures>(failuresFile, {});
    return accounts.map((account) => {
      const until = lockoutEnd(failures, account.login);
      return {
        ...profileOf(account),
        disabled: account.disabled ?? false,
        mustChangePassword: account.mustChangePassword ?? false,
        lockedUntil: until === null ? null : new Date(until).toISOString(),
        createdAt: account.createdAt,
      };
    });
  };

  /** Replaces one account, refusing any change that would leave no active administrator. */
  const replace = async (accounts: StoredAccount[], index: number, changed: StoredAccount) => {
    const next = accounts.map((account, at) => (at === index ? changed : account));
    if (accounts.some(isActiveAdministrator) && !next.some(isActiveAdministrator)) throw new HostError('operators.lastAdministrator');
    await save(next);
    return (await viewsOf([changed]))[0]!;
  };

  return {
    async hasOperators() {
      return (await load()).length > 0;
    },
    createFirst: (operator) =>
      serialized(async () => {
        const accounts = await load();
        if (accounts.length > 0) throw new HostError('operators.alreadySetUp');
        checkNewAccount(accounts, operator);
        const account = await newAccount(operator, 'administrator', false);
        await save([account]);
        return profileOf(account);
      }),
    login: (login, password) =>
      serialized(async () => {
        const account = await checkPassword(await load(), login, password);
        return { ...profileOf(account), mustChangePassword: account.mustChangePassword ?? false };
      }),
    verify: (id, password) =>
      serialized(async () => {
        const accounts = await load();
        const account = accounts[find(accounts, id)]!;
        await checkPassword(accounts, account.login, password);
        return profileOf(account);
      }),
    changePassword: (id, oldPassword, newPassword) =>
      serialized(async () => {
        const accounts = await load();
        const index = find(accounts, id);
        const account = await checkPassword(accounts, accounts[index]!.login, oldPassword);
        if (newPassword === oldPassword) throw new HostError('operators.samePassword');
        await replace(accounts, index, { ...(await withPassword(account, newPassword)), mustChangePassword: false });
        return profileOf(account);
      }),
    list: async () => viewsOf(await load()),
    add: (operator) =>
      serialized(async () => {
        const accounts = await load();
        checkNewAccount(accounts, operator);
        const account = await newAccount(operator, operator.role, true);
        await save([...accounts, account]);
        return (await viewsOf([account]))[0]!;
      }),
    update: (id, changes) =>
      serialized(async () => {
        const accounts = await load();
        const index = find(accounts, id);
        const account = accounts[index]!;
        return replace(accounts, index, {
          ...account,
          ...(changes.fullName !== undefined ? { fullName: changes.fullName.trim() } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        });
      }),
    resetPassword: (id, password) =>
      serialized(async () => {
        const accounts = await load();
        const index = find(accounts, id);
        const account = accounts[index]!;
        const view = await replace(accounts, index, { ...(await withPassword(account, password)), mustChangePassword: true });
        const failures = await readJson<Failures>(failuresFile, {});
        delete failures[failureKey(account.login)];
        await saveFailures(failures);
        return { ...view, lockedUntil: null };
      }),
  };
}
