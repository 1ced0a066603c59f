/**
 * The renderer's store of record (IndexedDB through Dexie). Schema changes go in new versions; never edit
 * version(1) once shipped, or existing installations will refuse to open.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { WithdrawalReason } from '../../../shared/papers/receiptContent';
import type { OutboxEntry, OutboxError } from '../../../shared/sync/outbox';
import { createFieldCipher, type FieldCipher, type FieldKeys } from './fieldCrypto';
import { SEALED_TABLES, sealedFieldsMiddleware } from './sealedFields';
import { nameKeyOf } from './searchKeys';

export interface OperatorRow {
  id: string;
  login: string;
  fullName: string;
  iin: string;
  role: 'operator' | 'supervisor' | 'administrator';
  createdAt: string;
}

export interface ApplicantRow {
  id: string;
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string;
  /** Confirmed by the state registry look-up, not just typed by the operator. */
  verified: boolean;
  updatedAt: string;
}

/**
 * not_accepted: refused at the window for an incomplete package (a refusal receipt was issued); it never leaves.
 * withdrawn: taken back by the applicant after it stopped, before it was sent. superseded: a corrected request
 * linked to it (correctedBy) went instead.
 */
export type RequestStatus = 'draft' | 'queued' | 'submitted' | 'completed' | 'rejected' | 'needs_attention' | 'not_accepted' | 'withdrawn' | 'superseded';


/** A stopped request back on the form: what stopped it, and what it said before, so giving up restores it. */
export interface RequestCorrection {
  startedAt: string;
  operatorId: string;
  /** The outbox's last error when the correction began (a registry mismatch carries both spellings). */
  stoppedBy?: OutboxError;
  /** The signed answers, kept only when this same request is corrected (the package was never sent). */
  previous?: Pick<RequestRow, 'form' | 'applicant' | 'applicantIin' | 'applicantVerified'> & { documents: DocumentRow[] };
}

export interface SignerRow {
  iin: string;
  commonName: string;
  serialNumber: string;
  notAfter: string;
}

export interface RequestRow {
  /** UUID = submissionId, the gateway's idempotency key. */
  id: string;
  localNumber: string;
  catalogVersion: string;
  serviceId: string;
  requestKind: string;
  operatorId: string;
  applicantIin: string;
  applicant: { surname: string; givenName: string; patronymic: string };
  form: Record<string, string>;
  /** The state registry confirmed the applicant while the request was taken; otherwise it is checked at sync. */
  applicantVerified?: boolean;
  status: RequestStatus;
  registrationNumber?: string;
  signedXml?: string;
  signer?: SignerRow;
  /** Signed and accepted at the window: the moment the receipt states and the deadlines count from. */
  acceptedAt?: string;
  /** When the result was handed to the applicant at the window (seed 004 Table 3, the last step). */
  handedOverAt?: string;
  /** Being corrected after it stopped: the status is draft meanwhile and the outbox entry is held. */
  correction?: RequestCorrection;
  /** A corrected request sent as a new submission, since the gateway may hold the one it corrects (that one's id). */
  corrects?: string;
  /** The request that went instead of this one (status superseded). */
  correctedBy?: string;
  withdrawal?: { at: string; reason: WithdrawalReason; operatorId: string };
  /** The retention policy removed the local copies of this request's scans (retention.ts), `afterDays` after the hand-over. */
  scansPurged?: { at: string; afterDays: number };
  createdAt: string;
  updatedAt: string;
}

export interface DocumentRow {
  id: string;
  requestId: string;
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
  addedAt: string;
  /** The checklist item this document answers (scanned or imported for it); absent for documents added loose. */
  checklistItemId?: string;
  pageCount?: number;
  /** The local copy was removed by the retention policy (retention.ts); the row stays as the record of what was accepted. */
  purgedAt?: string;
}

export type OutboxRow = OutboxEntry;

export interface EventRow {
  seq?: number;
  requestId?: string;
  /** ISO timestamp. */
  at: string;
  type: string;
  operatorId?: string;
  data?: Record<string, unknown>;
}

/** Seed 004 Annex 4 / seed 001 Appendix 3: the two questions, each answered 1 (not satisfied) to 3 (satisfied). */
export type SurveyAnswer = 1 | 2 | 3;

export interface SurveyRow {
  /** = the request id: one questionnaire per hand-over. */
  requestId: string;
  serviceId: string;
  /** Almaty day (YYYY-MM-DD), the summary's grouping. */
  day: string;
  at: string;
  operatorId: string;
  processQuality: SurveyAnswer;
  informationQuality: SurveyAnswer;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** IndexedDB implementation to use instead of the global one (tests pass fake-indexeddb). */
export interface IndexedDbDependencies {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

export const DEFAULT_DATABASE_NAME = 'qabyl';

/**
 * The store of record, opened with the host's field keys (`vault.keys`): personal fields are sealed at rest
 * (sealedFields.ts) and found through blind index columns (searchKeys.ts).
 */
export class QabylDatabase extends Dexie {
  operators!: EntityTable<OperatorRow, 'id'>;
  applicants!: EntityTable<ApplicantRow, 'id'>;
  requests!: EntityTable<RequestRow, 'id'>;
  documents!: EntityTable<DocumentRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  events!: EntityTable<EventRow, 'seq'>;
  surveys!: EntityTable<SurveyRow, 'requestId'>;
  meta!: Table<MetaRow, string>;
  /** Computes the blind keys a search looks up (searchKeys.ts); the same cipher seals the rows. */
  readonly cipher: FieldCipher;

  constructor(keys: FieldKeys, name: string = DEFAULT_DATABASE_NAME, dependencies?: IndexedDbDependencies) {
    super(name, dependencies);
    this.cipher = createFieldCipher(keys);
    this.use(sealedFieldsMiddleware(this.cipher));
    this.version(1).stores({
      operators: 'id, &login, iin',
      applicants: 'id, &iin',
      requests: 'id, localNumber, status, applicantIin, serviceId, createdAt, registrationNumber',
      documents: 'id, requestId, sha256',
      outbox: 'id, state, nextAttemptAt, enqueuedAt, requestId',
      events: '++seq, requestId, at, type',
      meta: 'key',
    });
    // Sync v1: attachments upload separately (resumable) before the commit, and results come back.
    this.version(2).upgrade((tx) =>
      tx
        .table<OutboxRow, string>('outbox')
        .toCollection()
        .modify((entry: OutboxRow) => {
          entry.uploaded ??= [];
          entry.applicantVerified ??= true;
          // v1's only active state; its lease meant nothing to v2, so the entry simply goes again.
          if ((entry.state as string) === 'sending') {
            entry.state = 'queued';
            delete entry.leaseUntil;
          }
        }),
    );
    // The request list searches every local request: by name (a folded column), and one IIN's requests newest first.
    this.version(3)
      .stores({ requests: 'id, localNumber, status, applicantIin, serviceId, createdAt, registrationNumber, nameKey, [applicantIin+createdAt]' })
      .upgrade((tx) =>
        tx
          .table<RequestRow, string>('requests')
          .toCollection()
          .modify((request: RequestRow & { nameKey?: string }) => {
            request.nameKey = nameKeyOf(request.applicant);
          }),
      );
    // The operator's day: the quality questionnaire answered at hand-over, summarised per day and service.
    this.version(4).stores({ surveys: 'requestId, day, serviceId' });
    // Personal fields sealed at rest: the plain IIN and name indexes give way to blind ones (and the retention sweep
    // finds what was handed over by key, never opening every row), and every existing row
    // is read and written back once, which seals it on the way down (the middleware's crypto is synchronous).
    this.version(5)
      .stores({
        operators: 'id, &login',
        applicants: 'id, &iinKey',
        requests: 'id, localNumber, status, serviceId, createdAt, registrationNumber, *searchKeys, [iinKey+createdAt], handedOverAt, scansPurged.at',
      })
      .upgrade((tx) =>
        Promise.all(
          Object.keys(SEALED_TABLES).map((table) =>
            tx
              .table<Record<string, unknown>>(table)
              .toCollection()
              .modify((row) => {
                delete row.nameKey;
              }),
          ),
        ),
      );
  }
}
