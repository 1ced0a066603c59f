/**
 * The host API: everything the renderer may ask of the privileged side, in one typed table.
 * Both adapters (Electron IPC and the HTTP bridge) carry exactly these methods, and the host validates
 * every argument against these schemas before a service sees it.
 */
import { z } from 'zod';
import { hostErrorCodes } from './hostError';
import { requestDocumentSchema } from '../request/requestDocument';
import { individualRecordSchema, legalEntityRecordSchema, paymentRecordSchema, powerOfAttorneySchema, submissionIdSchema } from '../gateway/gatewayProtocol';
import { commitOutcomeSchema, gatewayFailureSchema, pollOutcomeSchema, resultOutcomeSchema, uploadOutcomeSchema } from '../sync/syncOutcomes';
import { catalogSchema } from '../catalog/catalogSchema';
import { publicSettingsSchema, settingsFileSchema } from '../settings/settingsSchema';
import { TRUST_PROFILES } from '../pki/trustProfiles';
import { acceptanceReceiptSchema, refusalReceiptSchema, storedPaperSchema, withdrawalNoticeSchema } from '../papers/receiptContent';
import { backupManifestSchema, MAX_ROWS_PAGE_CHARS } from '../backup/backupManifest';
import { auditActions, auditActionSchema, auditEntrySchema, auditVerificationSchema, recordedActionSchema } from '../audit/auditEntry';
import { batchViewSchema, finishedDocumentSchema, pageEditSchema, scanDeviceSchema, scanPlacementSchema, scanProfileIdSchema } from '../scanning/scanProtocol';

const empty = z.object({}).strict();
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const iin = z.string().regex(/^\d{12}$/);
/** A Dexie table's name, as a backup carries it. */
const backupTable = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);

export const operatorProfileSchema = z.object({
  id: z.string(),
  login: z.string(),
  fullName: z.string(),
  iin,
  role: z.enum(['operator', 'supervisor', 'administrator']),
});
export type OperatorProfile = z.infer<typeof operatorProfileSchema>;
const roleSchema = operatorProfileSchema.shape.role;

/** An account as the administrator sees it: never a hash or salt. */
export const accountViewSchema = operatorProfileSchema.extend({
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** ISO time the lockout after wrong passwords ends, while it lasts. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const signerSchema = z.object({
  iin: z.string(),
  commonName: z.string(),
  serialNumber: z.string(),
  notAfter: z.string(),
});

/**
 * One key in the sign dialog's picker. A key file's certificate is known only after its first unlock on this
 * workstation (NCA encrypts it with the key's password); until then `certificate` is null and the file name's
 * prefix tells kind and algorithm. `refusal` is what the signing act would refuse the key with today (expired, AUTH,
 * another IIN, untrusted, revoked by the cached lists, legacy GOST 2004…); null when it may sign or nothing says.
 */
export const keyChoiceSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(['sign', 'auth', 'gost', 'unknown']),
  algorithm: z.enum(['rsa', 'gost2015', 'gost2004']).nullable(),
  certificate: z
    .object({
      commonName: z.string(),
      iin: z.string().nullable(),
      bin: z.string().nullable(),
      organization: z.string().nullable(),
      role: z.enum(['sign', 'auth']),
      validFrom: z.string(),
      validTo: z.string(),
    })
    .nullable(),
  refusal: z.object({ code: z.enum(hostErrorCodes), detail: z.string().nullable() }).nullable(),
});
export type KeyChoice = z.infer<typeof keyChoiceSchema>;

export const updateStateSchema = z.object({
  phase: z.enum(['idle', 'checking', 'available', 'downloading', 'downloaded', 'installing']),
  version: z.string().optional(),
  percent: z.number().optional(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).optional(),
});

/** A registry answer: the record, none, or why the registry could not be asked. */
/** A gateway address given or changed was checked before it was kept: it answered (pin and identity held) or nothing answered. */
export const gatewayCheckSchema = z.enum(['reached', 'notReached']);
export type GatewayCheck = z.infer<typeof gatewayCheckSchema>;
const settingsApplied = z.object({ settings: publicSettingsSchema, restartNeeded: z.boolean(), gatewayCheck: gatewayCheckSchema.optional() });

const lookedUp = <T extends z.ZodType>(record: T) =>
  z.discriminatedUnion('kind', [z.object({ kind: z.literal('found'), record }), z.object({ kind: z.literal('none') }), ...gatewayFailureSchema.options]);

const installDecisionSchema = z.object({ install: z.boolean(), reason: z.string() });

export const hostApi = {
  'app.info': {
    args: empty,
    result: z.object({
      version: z.string(),
      shell: z.enum(['electron', 'web']),
      training: z.boolean(),
      office: z.object({ code: z.string(), name: z.string() }),
      /** The workstation's default UI language (an operator's own choice on this machine wins). */
      language: z.enum(['kk', 'ru', 'en']),
      /** Minutes without keyboard or mouse input before the screen locks. */
      idleLockMinutes: z.number(),
      /** Days after hand-over that local copies of scans are kept (the renderer's retention sweep). */
      retentionDays: z.number().int(),
      /** The trust profile in force (null: training's CA alone); NCA's test IINs are accepted only under 'ncaTest'. */
      trustProfile: z.enum(TRUST_PROFILES).nullable(),
    }),
  },
  'operators.status': { args: empty, result: z.object({ hasOperators: z.boolean() }) },
  'operators.create': {
    args: z.object({
      login: z.string().trim().min(2).max(64),
      fullName: z.string().trim().min(2).max(200),
      iin,
      password: z.string().min(1).max(256),
    }),
    result: operatorProfileSchema,
  },
  'operators.login': {
    args: z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    result: operatorProfileSchema.extend({ mustChangePassword: z.boolean() }),
  },
  /** Ends the session on the host: afterwards only workstation calls are answered until someone logs in. */
  'operators.logout': { args: empty, result: empty },
  /** Idle or Alt+K: the session stays, but operator calls are refused until operators.unlock. */
  'operators.lock': { args: empty, result: empty },
  /** The page saw the operator's input: the host's idle lock counts again from now; answers when it will lock. */
  'operators.activity': { args: empty, result: z.object({ idleLockAt: z.string() }) },
  /** The locked session's own operator, by password (wrong ones count toward the lockout). */
  'operators.unlock': { args: z.object({ password: z.string().min(1).max(256) }), result: operatorProfileSchema },
  // New passwords have no minimum here: the accounts service refuses short ones with its own, clearer error.
  'operators.changePassword': {
    args: z.object({ oldPassword: z.string().min(1).max(256), newPassword: z.string().max(256) }),
    result: operatorProfileSchema,
  },
  'operators.list': { args: empty, result: z.array(accountViewSchema) },
  'operators.add': {
    args: z.object({
      login: z.string().trim().min(2).max(64),
      fullName: z.string().trim().min(2).max(200),
      iin,
      role: roleSchema,
      password: z.string().max(256),
    }),
    result: accountViewSchema,
  },
  'operators.update': {
    args: z.object({ id: z.string().min(1).max(64), fullName: z.string().trim().min(2).max(200).optional(), role: roleSchema.optional(), disabled: z.boolean().optional() }),
    result: accountViewSchema,
  },
  /** A new initial password; the operator must change it at the next login, and any lockout is lifted. */
  'operators.resetPassword': { args: z.object({ id: z.string().min(1).max(64), password: z.string().max(256) }), result: accountViewSchema },
  'documents.put': {
    args: z.object({ contentBase64: z.string() }),
    result: z.object({ sha256: sha256Hex, size: z.number().int() }),
  },
  /** Scanners this workstation reaches now (eSCL addresses, SANE devices), with the administrator's defaults. */
  'scan.devices': {
    args: empty,
    result: z.object({ devices: z.array(scanDeviceSchema), defaultDevice: z.string(), defaultProfile: scanProfileIdSchema, watchedFolder: z.string() }),
  },
  /** A batch of pages for one checklist document; pages stay in the host, the view carries thumbnails. */
  'scan.open': { args: z.object({ profile: scanProfileIdSchema }), result: batchViewSchema },
  'scan.view': { args: z.object({ batchId: z.string().uuid() }), result: batchViewSchema },
  /** Starts scanning in the background; poll scan.view for pages and progress. */
  'scan.start': {
    args: z.object({ batchId: z.string().uuid(), deviceId: z.string().min(1).max(500), input: z.enum(['platen', 'feeder']), placement: scanPlacementSchema.optional() }),
    result: batchViewSchema,
  },
  'scan.cancel': { args: z.object({ batchId: z.string().uuid() }), result: batchViewSchema },
  /** A picked or dropped file: images become pages of the batch; a PDF is a finished document as it came. */
  'scan.import': {
    args: z.object({ batchId: z.string().uuid(), fileName: z.string().min(1).max(255), contentBase64: z.string() }),
    result: z.object({ view: batchViewSchema, document: finishedDocumentSchema.optional() }),
  },
  'scan.edit': { args: z.object({ batchId: z.string().uuid(), edit: pageEditSchema }), result: batchViewSchema },
  /** One PDF per document of the batch, stored content-addressed; the batch is gone afterwards. */
  'scan.finish': {
    args: z.object({ batchId: z.string().uuid(), title: z.string().trim().min(1).max(200), subject: z.string().max(500) }),
    result: z.object({ documents: z.array(finishedDocumentSchema) }),
  },
  'scan.discard': { args: z.object({ batchId: z.string().uuid() }), result: z.object({}) },
  'catalog.current': { args: empty, result: catalogSchema },
  /** The catalog a request was taken under, so an update never strands a draft or a queued request. */
  'catalog.get': { args: z.object({ version: z.string().min(1).max(32) }), result: catalogSchema },
  /** Administrator: load a signed catalog update from a file; verified before anything uses it. */
  'catalog.import': { args: z.object({ contentBase64: z.string() }), result: catalogSchema },
  /** Administrator only, like the two below. */
  'settings.get': { args: empty, result: publicSettingsSchema },
  /** The trust profile in force: each of its NCA certificates (pinned, from the trust folder, or missing) and the folder's files. */
  'trust.status': {
    args: empty,
    result: z.object({
      profile: z.enum(TRUST_PROFILES).nullable(),
      trustFolder: z.string(),
      certificates: z.array(
        z.object({
          file: z.string(),
          commonName: z.string(),
          role: z.enum(['root', 'intermediate']),
          sourceUrl: z.string(),
          required: z.boolean(),
          state: z.enum(['pinned', 'fromFolder', 'missing']),
          inUseSha256: z.string().nullable(),
        }),
      ),
      folder: z.array(z.object({ file: z.string(), state: z.enum(['used', 'unreadable', 'pinMismatch']), commonName: z.string().nullable(), sha256: z.string().nullable() })),
      missing: z.array(z.string()),
    }),
  },
  'settings.update': { args: settingsFileSchema, result: settingsApplied },
  /** A settings file for rolling out many workstations: any subset of the settings, validated before use. */
  'settings.import': { args: z.object({ contentBase64: z.string().max(1_000_000) }), result: settingsApplied },
  /** A stored document's bytes (for moving the unsent queue to another workstation). */
  'documents.get': { args: z.object({ sha256: sha256Hex }), result: z.object({ contentBase64: z.string() }) },
  /**
   * Start-up clean-up after a crash: every document the renderer's rows reference and every scan batch a draft
   * holds; the host removes other stored files and batches older than its own start (see storage/startupSweep.ts).
   */
  'documents.sweep': {
    args: z.object({ databaseId: z.string().uuid(), referenced: z.array(sha256Hex).max(1_000_000), openBatches: z.array(z.string().uuid()).max(10_000) }),
    result: z.object({ swept: z.boolean(), removedDocuments: z.number().int(), removedBatches: z.number().int(), missing: z.array(sha256Hex) }),
  },
  /** Removes these stored documents (missing ones are not an error); the renderer's retention sweep decides which. */
  'documents.purge': { args: z.object({ sha256s: z.array(sha256Hex).max(5000) }), result: z.object({ removed: z.number().int() }) },
  /**
   * The renderer's keys (32 bytes each, HKDF of the data key) for its encrypted personal fields and keyed IIN index.
   * Only to a logged-in operator (issue 16): whoever holds the bridge token alone must not read the sealed rows.
   * The page asks after the first login and keeps them until it closes, so the queue moves on after a logout.
   */
  'vault.keys': { args: empty, result: z.object({ fieldKeyBase64: z.string(), indexKeyBase64: z.string() }) },
  /** How fresh the cached revocation list is; shown beside the key choice. */
  'revocation.status': {
    args: empty,
    result: z.object({ fetchedAt: z.string().nullable(), ageMs: z.number().nullable(), stale: z.boolean(), maxAgeHours: z.number() }),
  },
  /** The keys the operator may pick, each with what is known before the password (keyChoiceSchema). */
  'keys.list': { args: empty, result: z.array(keyChoiceSchema) },
  /** Starts a signing act; the password is typed in the host's own prompt at promptUrl, never in the renderer. */
  'signing.start': {
    args: z.object({ keyId: z.string().min(1), language: z.enum(['kk', 'ru', 'en']), document: requestDocumentSchema }),
    result: z.object({ ticket: z.string(), promptUrl: z.string() }),
  },
  'signing.result': {
    args: z.object({ ticket: z.string().min(1) }),
    result: z.discriminatedUnion('state', [
      z.object({ state: z.literal('pending') }),
      z.object({ state: z.literal('cancelled') }),
      z.object({
        state: z.literal('signed'),
        signedXml: z.string(),
        /** Detached CMS per attachment, by SHA-256; none when the key back-end signs the XML only (NCALayer). */
        attachmentSignatures: z.array(z.object({ sha256: sha256Hex, cmsBase64: z.string() })),
        signer: signerSchema,
      }),
    ]),
  },
  /** Application updates: where the download is, and whether installing now would interrupt anyone. */
  'updates.status': { args: empty, result: updateStateSchema },
  'updates.reportActivity': { args: z.object({ operatorBusy: z.boolean(), outboxPending: z.number().int().nonnegative() }), result: installDecisionSchema },
  /** The operator's consent to install and restart (still refused while a request is open). */
  'updates.install': { args: empty, result: installDecisionSchema },
  /** A help-desk bundle without citizens' data: versions, queue counts, recent errors (scrubbed). */
  'diagnostics.export': {
    args: z.object({ queueSummary: z.object({ byState: z.record(z.string(), z.number().int().nonnegative()), oldestQueuedAt: z.string().optional() }) }),
    result: z.record(z.string(), z.unknown()),
  },
  'gateway.probe': { args: empty, result: z.object({ reachable: z.boolean() }) },
  /** Uploads (or resumes) one stored attachment until the gateway holds it. */
  'gateway.upload': {
    /** firstAttempt: the request was never tried (outbox isFirstAttempt), so the host does not ask first whether the gateway holds the file. */
    args: z.object({ submissionId: submissionIdSchema, sha256: sha256Hex, fileName: z.string().min(1), mimeType: z.string().min(1), firstAttempt: z.boolean().optional() }),
    result: uploadOutcomeSchema,
  },
  /** Commits a signed submission whose attachments the gateway holds; idempotent by submissionId. */
  'gateway.commit': {
    args: z.object({
      submissionId: submissionIdSchema,
      signedXml: z.string().min(1),
      attachments: z.array(z.object({ sha256: sha256Hex, fileName: z.string(), mimeType: z.string(), cmsBase64: z.string().optional() })),
    }),
    result: commitOutcomeSchema,
  },
  'gateway.poll': { args: z.object({ submissionId: submissionIdSchema }), result: pollOutcomeSchema },
  /** Downloads the decided result, verifies the provider's signature and keeps the document in the store. */
  'gateway.result': { args: z.object({ submissionId: submissionIdSchema }), result: resultOutcomeSchema },
  /** State registries (ЖТ/ЗТ МДБ) through the gateway: the record, none, or why it could not be asked. */
  'registry.individual': {
    args: z.object({ iin }),
    result: lookedUp(individualRecordSchema),
  },
  /** Notarial powers of attorney (ЕНИС) through the gateway. */
  'registry.powerOfAttorney': {
    args: z.object({ number: z.string().trim().min(1).max(64) }),
    result: lookedUp(powerOfAttorneySchema),
  },
  'registry.legalEntity': {
    args: z.object({ bin: iin }),
    result: lookedUp(legalEntityRecordSchema),
  },
  /** The applicant's papers, made by the host into its document store; the renderer prints or saves them by reference. */
  'papers.acceptanceReceipt': { args: acceptanceReceiptSchema, result: storedPaperSchema },
  'papers.refusalReceipt': { args: refusalReceiptSchema, result: storedPaperSchema },
  'papers.withdrawalNotice': { args: withdrawalNoticeSchema, result: storedPaperSchema },
  /** A fee paid through the payment gateway (ЭҮТШ), looked up by its reference while the request is taken. */
  'registry.payment': {
    args: z.object({ reference: z.string().trim().min(1).max(32) }),
    result: lookedUp(paymentRecordSchema),
  },
  /** An action of consequence the renderer saw happen; the host stamps who did it from the session. */
  'audit.record': { args: recordedActionSchema, result: z.object({ seq: z.number().int() }) },
  /** Supervisor: a page of the audit log, newest first. */
  'audit.recent': {
    args: z.object({
      limit: z.number().int().min(1).max(500),
      before: z.number().int().positive().optional(),
      actions: z.array(auditActionSchema).max(auditActions.length).optional(),
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    }),
    result: z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() }),
  },
  /** Supervisor: checks the whole chain and its signed checkpoints (recorded as audit.verified). */
  'audit.verify': { args: empty, result: auditVerificationSchema },
  /**
   * Administrator: a backup of the whole workstation into the settings' backup folder, under a passphrase that
   * never leaves the host. The renderer streams its rows in pages; finish adds the host's files and the data key.
   */
  'backup.begin': { args: z.object({ passphrase: z.string().min(1).max(1000) }), result: z.object({ backupId: z.string().uuid() }) },
  'backup.addRows': {
    args: z.object({ backupId: z.string().uuid(), table: backupTable, rowsJson: z.string().max(MAX_ROWS_PAGE_CHARS) }),
    result: z.object({ rows: z.number().int() }),
  },
  'backup.finish': {
    args: z.object({ backupId: z.string().uuid() }),
    result: z.object({ fileName: z.string(), path: z.string(), bytes: z.number().int(), documents: z.number().int(), rows: z.number().int() }),
  },
  /** Polled while finish runs: finish adds the documents, which is most of a backup's time. */
  'backup.status': {
    args: z.object({ backupId: z.string().uuid() }),
    result: z.object({ rows: z.number().int(), documents: z.number().int(), documentBytes: z.number().int() }),
  },
  /** Restore (disaster recovery): an administrator, or anyone on a workstation with no operators yet; only onto an empty one. */
  'backup.inspect': { args: z.object({ path: z.string().trim().min(1).max(1000), passphrase: z.string().min(1).max(1000) }), result: backupManifestSchema },
  'backup.restore': {
    args: z.object({ path: z.string().trim().min(1).max(1000), passphrase: z.string().min(1).max(1000) }),
    result: z.object({ restoreId: z.string().uuid(), manifest: backupManifestSchema }),
  },
  'backup.readRows': {
    args: z.object({ restoreId: z.string().uuid(), table: backupTable, page: z.number().int().nonnegative() }),
    result: z.object({ rowsJson: z.string(), done: z.boolean() }),
  },
  /**
   * The automatic backup (electron/host/backup/automaticBackup.ts). Any session's page runs it when due; the host
   * alone decides when, where and under which key (begin is refused unless one is due).
   */
  'autoBackup.due': { args: empty, result: z.object({ due: z.boolean() }) },
  'autoBackup.begin': { args: empty, result: z.object({ backupId: z.string().uuid() }) },
  'autoBackup.addRows': {
    args: z.object({ backupId: z.string().uuid(), table: backupTable, rowsJson: z.string().max(MAX_ROWS_PAGE_CHARS) }),
    result: z.object({ rows: z.number().int() }),
  },
  'autoBackup.finish': { args: z.object({ backupId: z.string().uuid() }), result: z.object({ fileName: z.string(), bytes: z.number().int() }) },
  /** Supervisor: whether it is on and keyed, the last backup, and the last failure while none has succeeded since. */
  'autoBackup.status': {
    args: empty,
    result: z.object({
      enabled: z.boolean(),
      folder: z.string(),
      keep: z.number().int(),
      keySet: z.boolean(),
      due: z.boolean(),
      lastSuccessAt: z.string().optional(),
      lastFileName: z.string().optional(),
      lastFailure: z.object({ at: z.string(), code: z.string(), detail: z.string().optional() }).optional(),
    }),
  },
  /** Administrator: the backup key, typed once; the host keeps only what scrypt makes of it, sealed. */
  'autoBackup.setKey': { args: z.object({ passphrase: z.string().min(1).max(1000) }), result: empty },
  /** Restore's offer: the newest automatic backup in `folder` (default: the settings' folder). Who may ask: as backup.inspect. */
  'autoBackup.newest': {
    args: z.object({ folder: z.string().trim().max(1000).optional() }),
    result: z.object({ folder: z.string(), newest: z.object({ path: z.string(), fileName: z.string() }).nullable() }),
  },
} as const;

export type HostApi = typeof hostApi;
export type HostMethod = keyof HostApi;
export type HostArgs<M extends HostMethod> = z.input<HostApi[M]['args']>;
export type HostResult<M extends HostMethod> = z.infer<HostApi[M]['result']>;

/** What a renderer holds: one call function, whatever carries it. */
export interface HostClient {
  call<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResult<M>>;
}

/** What the host implements: one handler per method, receiving validated arguments. */
export type HostHandlers = {
  [M in HostMethod]: (args: z.infer<HostApi[M]['args']>) => Promise<HostResult<M>>;
};

export function isHostMethod(name: string): name is HostMethod {
  return Object.prototype.hasOwnProperty.call(hostApi, name);
}

/** Wire shape of an answer, the same over IPC and HTTP. */
export type HostReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; detail?: string } };
