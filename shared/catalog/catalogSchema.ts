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

/** `workingHours`: hours of working days (see shared/calendar/workingDays.ts for the office day it assumes). */
export const durationUnits = ['seconds', 'minutes', 'hours', 'workingHours', 'calendarDays', 'workingDays'] as const;
export type DurationUnit = (typeof durationUnits)[number];

/** A duration in the seed's own unit; a range ("10–15 working days") keeps both ends. */
export const durationSchema = z.object({
  amount: z.number().positive(),
  maxAmount: z.number().positive().optional(),
  unit: z.enum(durationUnits),
  source: sourceRefSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** Where a request is taken: the regulations' own channel names (the portal's two addresses are one channel). */
export const channelKinds = ['providerOffice', 'portal', 'eLicensingPortal', 'serviceCentre', 'paper'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/**
 * How a request ends, for the branches of a step graph: `granted` a positive decision, `refused` a reasoned refusal
 * after consideration, `returned` stopped before consideration (documents incomplete, the applicant's data not
 * obtained: seed 003's «одан әрі қараудан бас тарту», seed 004's «кері қайтару»). Consecutive `returned` steps are one
 * branch, and a request that takes it ends there (shared/catalog/deadlines.ts `requestPath`).
 */
export const stepOutcomes = ['granted', 'refused', 'returned'] as const;
export type StepOutcome = (typeof stepOutcomes)[number];

export const stepSchema = z.object({
  id: z.string().min(1),
  actor: localizedSchema,
  action: localizedSchema,
  duration: durationSchema.nullable(),
  /**
   * The steps this one follows, all of them (parallel work joins here). Absent: the step listed before it, as the
   * regulations list a chain; []: it starts at submission. Only earlier steps may be named.
   */
  after: z.array(z.string().min(1)).optional(),
  /** The paths the step is on; absent parts put it on every path. */
  on: z
    .object({
      outcomes: z.array(z.enum(stepOutcomes)).min(1).optional(),
      /** Re-issue grounds whose path this is (seed 003: the simple grounds vs spin-off/division). */
      grounds: z.array(z.string().min(1)).min(1).optional(),
      channels: z.array(z.enum(channelKinds)).min(1).optional(),
      /** Done instead of that step when the provider chooses so (seed 003: its own employee instead of the TS): shown once reported. */
      insteadOf: z.string().min(1).optional(),
    })
    .optional(),
  /** A cap counted from submission that the step meets whatever its chain gives (seed 003: the first stage in 2 working days). */
  limit: durationSchema.optional(),
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
  kind: z.enum(channelKinds),
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

/**
 * gatewayOnly: the text names payment through the payment gateway (ЭҮТШ/ТШ) and no alternative, so the payment
 * reference is the evidence; gatewayRecordOrReceiptScan: the text also allows a scanned receipt, which then is the
 * evidence (every kind must list a paymentReceipt item for it); notStated: the text says nothing about payment.
 */
export const paymentRules = ['none', 'gatewayRecordOrReceiptScan', 'gatewayOnly', 'notStated'] as const;
export type PaymentRule = (typeof paymentRules)[number];

export const paymentSchema = z
  .object({
    rule: z.enum(paymentRules),
    note: z.string().optional(),
    source: sourceRefSchema,
  })
  // A rule the text states is quoted; only silence has nothing to quote.
  .refine((payment) => payment.rule === 'notStated' || payment.source.quote !== undefined, { message: 'a stated payment rule quotes its paragraph', path: ['source', 'quote'] });

export const recipientKinds = ['individual', 'legalEntity'] as const;
export type RecipientKind = (typeof recipientKinds)[number];

/** Who the service is for, from the text (the applicant types the form offers). */
export const recipientsSchema = z.object({ kinds: z.array(z.enum(recipientKinds)).min(1), source: sourceRefSchema });

/** The service form the regulation states (п. 2/3 «нысаны»): electronic and/or paper, and how far it is automated. */
export const serviceFormSchema = z.object({
  electronic: z.boolean(),
  paper: z.boolean(),
  automation: z.enum(['partial', 'full']).nullable(),
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
  /** Null only where the text is absent (availability textNotAvailable). */
  recipients: recipientsSchema.nullable(),
  form: serviceFormSchema.nullable(),
  source: sourceRefSchema,
}).superRefine((service, context) => {
  for (const [k, kind] of service.kinds.entries()) {
    // A receipt alternative without a receipt item would let a package be complete with no payment evidence at all.
    if (service.payment?.rule === 'gatewayRecordOrReceiptScan' && !kind.checklist.some((item) => item.kind === 'paymentReceipt')) {
      context.addIssue({ code: 'custom', message: `kind ${kind.id}: a receipt alternative needs a paymentReceipt checklist item`, path: ['kinds', k, 'checklist'] });
    }
    const seen = new Set<string>();
    for (const [i, step] of kind.steps.entries()) {
      for (const id of [...(step.after ?? []), ...(step.on?.insteadOf ? [step.on.insteadOf] : [])]) {
        if (!seen.has(id)) context.addIssue({ code: 'custom', message: `step ${step.id} names ${id}, which is not an earlier step`, path: ['kinds', k, 'steps', i] });
      }
      for (const ground of step.on?.grounds ?? []) {
        if (!kind.grounds.some((candidate) => candidate.id === ground)) context.addIssue({ code: 'custom', message: `step ${step.id}: unknown ground ${ground}`, path: ['kinds', k, 'steps', i] });
      }
      seen.add(step.id);
    }
  }
});
export type Service = z.infer<typeof serviceSchema>;

export const catalogSchema = z.object({
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/),
  issuedAt: z.string(),
  services: z.array(serviceSchema).min(1),
});
export type CatalogData = z.infer<typeof catalogSchema>;
