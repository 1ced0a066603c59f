/**
 * What the applicant's receipts say, as the renderer assembles it from its store of record and the catalog; the
 * host lays it out. Bounded, so a corrupt row is refused with a message instead of making an unprintable paper.
 */
import { z } from 'zod';

const bilingual = z.object({ kk: z.string().trim().min(1).max(1000), ru: z.string().trim().min(1).max(1000) });
const line = (max: number) => z.string().trim().min(1).max(max);

const receiptBase = z.object({
  localNumber: line(64),
  registrationNumber: line(64).optional(),
  service: bilingual,
  kind: bilingual,
  applicant: z.object({ name: line(300), idNumber: z.string().regex(/^\d{12}$/), kind: z.enum(['individual', 'legalEntity']) }),
  operatorName: line(200),
  office: z.object({ code: line(32), name: line(300) }),
  /** The moment of acceptance (or of refusal), printed in Almaty time. */
  at: z.string().datetime({ offset: true }),
});

export const acceptanceReceiptSchema = receiptBase.extend({
  /** The request's id, which is also its submission id at the gateway: the QR code's status page. */
  submissionId: z.string().uuid(),
  /** Each checklist item accepted: pages scanned, or null when only paper was presented. */
  documents: z.array(z.object({ name: bilingual, pages: z.number().int().nonnegative().max(10_000).nullable(), onPaper: z.boolean() })).min(1).max(200),
  expectedResultDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
});
export type AcceptanceReceipt = z.infer<typeof acceptanceReceiptSchema>;

/** A refused package is never sent, so this receipt has no submission to point at and carries no QR code. */
export const refusalReceiptSchema = receiptBase.extend({
  missing: z.array(z.object({ name: bilingual })).min(1).max(200),
});
export type RefusalReceipt = z.infer<typeof refusalReceiptSchema>;

/** Why an applicant withdrew a stopped request: a code, so the audit log can carry it and the paper names it in both languages. */
export const withdrawalReasons = ['applicantRequest', 'dataError', 'duplicate', 'other'] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];

/** A stopped request the applicant took back before it was sent: no submission to point at, so no QR code either. */
export const withdrawalNoticeSchema = receiptBase.extend({
  /** When the request was accepted (the receipt the applicant holds); `at` is the withdrawal. */
  acceptedAt: z.string().datetime({ offset: true }),
  reason: z.enum(withdrawalReasons),
});
export type WithdrawalNotice = z.infer<typeof withdrawalNoticeSchema>;

export const storedPaperSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int(), fileName: z.string() });

/** Where the QR code on a receipt points: the gateway's public status page of this submission. */
export const statusUrl = (gatewayBaseUrl: string, submissionId: string) => `${gatewayBaseUrl.replace(/\/+$/, '')}/status/${submissionId}`;
