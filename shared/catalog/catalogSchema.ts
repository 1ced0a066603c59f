/**
 * The shape of the service catalog: versioned data taken from the regulations in ../shared/seeds, every fact
 * carrying the seed file and paragraph it came from. Validated at load, so a catalog update that does not
 * fit is refused before anything uses it.
 */
import { z } from 'zod';

export const seedIds = ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004'] as const;

/** Where a fact came from: the seed, its paragraph/table/annex, and the seed's own words where they matter. */
export const sourceRefSchema = z.object({
  seed: z.enum(seedIds),
  paragraph: z.string().min(1),
  quote: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** kk verbatim from the seed where the seed has it; ru and en are translations unless `ruVerbatim` says otherwise. */
export const localizedSchema = z.object({
  kk: z.string().min(1),
  ru: z.string().min(1),
  en: z.string().min(1),
  ruVerbatim: z.boolean().optional(),
});
export type Localized = z.infer<typeof localizedSchema>;

export const durationUnits = ['seconds', 'minutes', 'hours', 'calendarDays', 'workingDays'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** A duration in the seed's own unit; a range ("10–15 working days") keeps both ends. */
export const durationSchema = z.object({
  amount: z.number().positive(),
  maxAmount: z.number().positive().optional(),
  unit: z.enum(durationUnits),
  source: sourceRefSchema,
});
export type Duration = z.infer<typeof durationSchema>;

export const stepSchema = z.object({
  id: z.string().min(1),
  actor: localizedSchema,
  action: localizedSchema,
  duration: durationSchema.nullable(),
  source: sourceRefSchema,
});

export const checklistKinds = ['application', 'informationForm', 'paymentReceipt', 'standardDocuments', 'powerOfAttorney', 'other'] as const;
export type ChecklistKind = (typeof checklistKinds)[number];

export const checklistItemSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(checklistKinds),
  name: localizedSchema,
  required: z.boolean(),
  /** e.g. "the seed defers to para 11 of the Standard, which is not included". */
  note: z.string().optional(),
  source: sourceRefSchema,
});

export const groundSchema = z.object({
  id: z.string().min(1),
  name: localizedSchema,
  /** A ground with its own cap (seed 003: re-issue after spin-off/division takes 15 working days, not 3). */
  resultCap: durationSchema.optional(),
  source: sourceRefSchema,
});

export const requestKindIds = ['issue', 'reissue', 'duplicate', 'annex', 'permit'] as const;

export const requestKindSchema = z.object({
  id: z.enum(requestKindIds),
  name: localizedSchema,
  /** Re-issue grounds (seed 003 lists five simple ones and the spin-off/division path). */
  grounds: z.array(groundSchema).default([]),
  /** The overall cap on the provider's work for this kind, e.g. 15 working days. */
  resultCap: durationSchema.nullable(),
  steps: z.array(stepSchema),
  checklist: z.array(checklistItemSchema),
  source: sourceRefSchema,
});
export type RequestKind = z.infer<typeof requestKindSchema>;

export const channelSchema = z.object({
  kind: z.enum(['providerOffice', 'portal', 'eLicensingPortal', 'serviceCentre']),
  note: z.string().optional(),
  source: sourceRefSchema,
});

export const legalBasisSchema = z.object({
  act: localizedSchema,
  number: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  registration: z.object({ number: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
  repealedBy: z.string().optional(),
  source: sourceRefSchema,
});

export const paymentSchema = z.object({
  /** gatewayOnly: the seed allows payment through the payment gateway (ЭҮТШ) and names no receipt alternative. */
  rule: z.enum(['none', 'gatewayRecordOrReceiptScan', 'gatewayOnly', 'notStated']),
  note: z.string().optional(),
  source: sourceRefSchema,
});

export const outcomeSchema = z.object({ id: z.string().min(1), name: localizedSchema, source: sourceRefSchema });

export const serviceSchema = z.object({
  id: z.string().regex(/^seed00[0-4]\.[a-z0-9-]+$/),
  /** A regulation the seed names but whose text is absent is listed, not invented. */
  availability: z.enum(['available', 'textNotAvailable']),
  name: localizedSchema,
  provider: localizedSchema.nullable(),
  legalBasis: legalBasisSchema,
  channels: z.array(channelSchema),
  /** License/activity subtypes the applicant chooses among (e.g. the six export-control activities). */
  subtypes: z.array(groundSchema).default([]),
  kinds: z.array(requestKindSchema),
  results: z.array(outcomeSchema),
  refusals: z.array(outcomeSchema),
  payment: paymentSchema.nullable(),
  source: sourceRefSchema,
});
export type Service = z.infer<typeof serviceSchema>;

export const catalogSchema = z.object({
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/),
  issuedAt: z.string(),
  services: z.array(serviceSchema).min(1),
});
export type CatalogData = z.infer<typeof catalogSchema>;
