/**
 * Personal fields sealed at rest, transparently: a Dexie DBCore middleware moves the configured fields of each row
 * into one AES-GCM blob (`sealed`) on every write and back out on every read, and writes the blind index columns
 * derived from the plaintext beside it. Everything above Dexie keeps seeing plain rows, and transactions stay as
 * they are because the crypto never awaits. Ids, statuses, dates, digests and service ids stay plain: the queue,
 * the filters and the retention sweep work on them.
 */
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { FieldCipher } from './fieldCrypto';
import type { RequestRow } from './database';
import { iinKeyOf, requestIndexColumns } from './searchKeys';

export const SEALED_COLUMN = 'sealed';

type Row = Record<string, unknown>;

interface SealedTable {
  fields: readonly string[];
  /** Plain index columns computed from the plaintext on write; taken off again on read. */
  indexColumns?: { names: readonly string[]; derive(plain: Row, cipher: FieldCipher): Row };
  /** The row's `id` is bound into the seal, so a blob moved onto another row no longer opens; auto-numbered rows have no id yet. */
  bindsId: boolean;
}

const NO_NAME: RequestRow['applicant'] = { surname: '', givenName: '', patronymic: '' };

/** Which fields are personal, table by table; tables not named here hold none. */
export const SEALED_TABLES: Readonly<Record<string, SealedTable>> = {
  // The operator's own IIN and name, kept here for the receipts; the login stays plain, it is the unique key.
  operators: { fields: ['iin', 'fullName'], bindsId: true },
  applicants: {
    fields: ['iin', 'surname', 'givenName', 'patronymic'],
    indexColumns: { names: ['iinKey'], derive: (plain, cipher) => ({ iinKey: iinKeyOf(String(plain.iin ?? ''), cipher) }) },
    bindsId: true,
  },
  requests: {
    // A correction keeps the answers signed before and the registry's spelling beside the typed one.
    fields: ['applicantIin', 'applicant', 'form', 'signedXml', 'signer', 'correction'],
    indexColumns: {
      names: ['iinKey', 'searchKeys'],
      // A row torn by a crash may lack its applicant; it is still written, found by nothing rather than refused.
      derive: (plain, cipher) => ({ ...requestIndexColumns({ applicantIin: String(plain.applicantIin ?? ''), applicant: (plain.applicant as RequestRow['applicant'] | undefined) ?? NO_NAME }, cipher) }),
    },
    bindsId: true,
  },
  // A file name is often the operator's or the applicant's ("Сейітов паспорт.pdf").
  documents: { fields: ['fileName'], bindsId: true },
  // The signed XML, the applicant and power of attorney to verify, the result's file name and refusal grounds, the gateway's timeline,
  // and the last error (a registry mismatch names the applicant both ways).
  outbox: { fields: ['payload', 'result', 'gatewayEvents', 'lastError'], bindsId: true },
  // Event data carries file names and whatever a step records; the type, time and request id stay plain.
  events: { fields: ['data'], bindsId: false },
};

function sealContext(tableName: string, table: SealedTable, row: Row): string {
  return table.bindsId ? `${tableName}/${String(row.id)}` : tableName;
}

export function sealRow(tableName: string, row: object, cipher: FieldCipher): Row {
  const table = SEALED_TABLES[tableName];
  if (!table) return { ...row };
  const plain: Row = {};
  const stored: Row = { ...row };
  for (const field of table.fields) {
    if (!(field in stored)) continue;
    plain[field] = stored[field];
    delete stored[field];
  }
  if (Object.keys(plain).length === 0) return stored;
  return { ...stored, ...table.indexColumns?.derive(plain, cipher), [SEALED_COLUMN]: cipher.seal(plain, sealContext(tableName, table, stored)) };
}

/** A row without a seal is one written before version 5 (read once more by the upgrade that seals it) and comes back as it is. */
export function openRow(tableName: string, stored: unknown, cipher: FieldCipher): unknown {
  const table = SEALED_TABLES[tableName];
  if (!table || stored === null || typeof stored !== 'object' || !(SEALED_COLUMN in stored)) return stored;
  const { [SEALED_COLUMN]: sealed, ...row } = stored as Row;
  for (const column of table.indexColumns?.names ?? []) delete row[column];
  return { ...row, ...(cipher.open(sealed as Uint8Array, sealContext(tableName, table, row)) as Row) };
}

function sealedTable(down: DBCoreTable, table: string, cipher: FieldCipher): DBCoreTable {
  const open = (value: unknown) => openRow(table, value, cipher);
  const mutate = (req: DBCoreMutateRequest) => {
    if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
    const values = req.values.map((value: object) => sealRow(table, value, cipher));
    if (req.type === 'add') return down.mutate({ ...req, values });
    // The change specs carry plaintext for middlewares below that patch cached rows; they get the sealed rows only.
    const { changeSpec: _changeSpec, updates: _updates, ...put } = req;
    return down.mutate({ ...put, values });
  };
  return {
    ...down,
    mutate,
    get: async (req) => open(await down.get(req)),
    getMany: async (req) => (await down.getMany(req)).map(open),
    query: async (req) => {
      const response = await down.query(req);
      return req.values ? { ...response, result: response.result.map(open) } : response;
    },
    openCursor: async (req) => {
      const cursor = await down.openCursor(req);
      return cursor && openingCursor(cursor, open);
    },
  };
}

/** The cursor as it is, but its value opened (once per position: a reader may look at it several times). */
function openingCursor(cursor: DBCoreCursor, open: (value: unknown) => unknown): DBCoreCursor {
  let seen: unknown;
  let opened: unknown;
  const wrapper: DBCoreCursor = Object.create(cursor, {
    key: { get: () => cursor.key },
    primaryKey: { get: () => cursor.primaryKey },
    value: {
      get: () => {
        const value = cursor.value;
        if (value !== seen) [seen, opened] = [value, open(value)];
        return opened;
      },
    },
    next: { value: () => cursor.next().then((next) => (next === cursor ? wrapper : next && openingCursor(next, open))) },
  });
  return wrapper;
}

export function sealedFieldsMiddleware(cipher: FieldCipher): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'SealedFields',
    // Above Dexie's own observability and cache layers (level 0), so they see the sealed rows and the real index columns.
    level: 10,
    create: (down) => ({
      ...down,
      table: (name) => (SEALED_TABLES[name] ? sealedTable(down.table(name), name, cipher) : down.table(name)),
    }),
  };
}
