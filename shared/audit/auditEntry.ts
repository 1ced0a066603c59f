/**
 * The audit log's vocabulary: a legal record of who did what on this workstation, kept apart from the host's
 * diagnostic log. Entries carry identifiers (request and submission ids, setting keys, field names), never a
 * citizen's personal data: the log outlives the retention of the data it points at.
 */
import { z } from 'zod';

/** Actions the renderer reports (the host stamps who did them). */
export const recordableAuditActions = [
  'request.created',
  'request.changed',
  'request.notAccepted',
  'paper.printed',
  'paper.saved',
  'result.handedOver',
  'queue.exported',
  'queue.imported',
  'retention.swept',
  /** A stopped request taken back to the form, corrected and signed again, or the correction given up. */
  'request.correctionStarted',
  'request.corrected',
  'request.correctionCancelled',
  /** A stopped request the applicant took back (details.reason: the reason's code). */
  'request.withdrawn',
] as const;

/** Actions only the host itself records. */
export const hostAuditActions = [
  'operator.login',
  'operator.loginFailed',
  'operator.lockedOut',
  'operator.logout',
  'operator.locked',
  'operator.unlocked',
  'operator.accountChanged',
  /** Signed in the host's prompt: recorded by the host, which saw the signature made. */
  'request.signed',
  /** The gateway accepted the package and gave its registration number. */
  'submission.registered',
  'result.received',
  'settings.changed',
  'catalog.imported',
  'backup.created',
  'backup.restored',
  'audit.verified',
  /** The log's own records: the first entry (the public key), signed checkpoints, a crash-cut last line dropped. */
  'audit.genesis',
  'audit.checkpoint',
  'audit.recovered',
] as const;

export const auditActions = [...recordableAuditActions, ...hostAuditActions] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;
export type RecordableAuditAction = (typeof recordableAuditActions)[number];

export const auditActorSchema = z.union([z.literal('workstation'), z.object({ operatorId: z.string(), login: z.string() }).strict()]);
export type AuditActor = z.infer<typeof auditActorSchema>;

const detailValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export const auditDetailsSchema = z.record(z.string(), detailValue);
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string(),
    actor: auditActorSchema,
    action: auditActionSchema,
    /** Request or submission id, login, or setting keys: what the action was about. */
    subject: z.string().optional(),
    details: auditDetailsSchema.optional(),
    prevHash: sha256Hex,
    hash: sha256Hex,
  })
  .strict();
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** An identifier, never free text: form field names, paper kinds. Free text could carry a name or an IIN. */
export const AUDIT_IDENTIFIER = /^[A-Za-z][\w.-]{0,63}$/;
const identifier = z.string().regex(AUDIT_IDENTIFIER);

/** What the renderer may say about an action: the request it concerns, and names and counts only. */
export const recordedActionSchema = z
  .object({
    action: z.enum(recordableAuditActions),
    subject: z.string().uuid().optional(),
    details: z
      .object({
        fields: z.array(identifier).max(200).optional(),
        paper: identifier.optional(),
        submissionId: z.string().uuid().optional(),
        count: z.number().int().nonnegative().optional(),
        /** Why a request was withdrawn, or how a correction goes (replace, supersede): a code from a fixed list. */
        reason: identifier.optional(),
        /** The operator the renderer's timeline names, when not the one logged in now (an action relayed late). */
        reportedFor: identifier.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type RecordedAction = z.infer<typeof recordedActionSchema>;

/** `truncated`: a witness kept apart from the log saw entries the file no longer has (cut back, maybe a forged tail). */
export const auditProblemKinds = ['edited', 'deleted', 'inserted', 'reordered', 'badCheckpoint', 'truncatedTail', 'rekeyed', 'truncated'] as const;
export type AuditProblemKind = (typeof auditProblemKinds)[number];

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  checkpoints: z.number().int().nonnegative(),
  /** The last entry a valid signed checkpoint covers; later ones are chained but not yet signed. */
  sealedThrough: z.number().int().nonnegative(),
  /** SHA-256 of the genesis public key (SPKI DER), to compare with a pinned copy. */
  keyFingerprint: z.string().optional(),
  publicKeyPem: z.string().optional(),
  firstProblem: z
    .object({
      seq: z.number().int().nonnegative(),
      kind: z.enum(auditProblemKinds),
      detail: z.string(),
      /** For `truncated`: the entries a witness saw that the file lacks. */
      missing: z.object({ from: z.number().int().positive(), to: z.number().int().positive() }).optional(),
    })
    .optional(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
