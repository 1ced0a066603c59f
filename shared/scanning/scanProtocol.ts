/**
 * Scanning as the renderer sees it (issue: scanning): profiles per document kind, and the shapes of pages,
 * jobs and finished documents crossing the host API. Only references, sizes and small thumbnails cross;
 * page images stay in the host.
 */
import { z } from 'zod';

export const scanProfileIds = ['text', 'gray', 'photo', 'receipt'] as const;
export type ScanProfileId = (typeof scanProfileIds)[number];

export interface ScanProfile {
  id: ScanProfileId;
  /** What the scanner is asked for: bilevel is made locally from gray (eSCL cannot stream 1-bit JPEG). */
  capture: { colorMode: 'color' | 'gray'; dpi: number };
  /** What goes into the PDF. g4 = bilevel CCITT Group 4, lossless, so an ID number can never change. */
  output: { format: 'g4' } | { format: 'jpeg'; channels: 1 | 3; quality: number };
  /** Cut the page to the document on it (ID cards and receipts on a platen). */
  autoCrop: boolean;
  /** Deskew and blank-page removal, on by default for every profile; the operator can undo either per page. */
  deskew: boolean;
  dropBlankPages: boolean;
}

export const scanProfiles: Record<ScanProfileId, ScanProfile> = {
  text: { id: 'text', capture: { colorMode: 'gray', dpi: 300 }, output: { format: 'g4' }, autoCrop: false, deskew: true, dropBlankPages: true },
  gray: { id: 'gray', capture: { colorMode: 'gray', dpi: 200 }, output: { format: 'jpeg', channels: 1, quality: 60 }, autoCrop: false, deskew: true, dropBlankPages: true },
  photo: { id: 'photo', capture: { colorMode: 'color', dpi: 300 }, output: { format: 'jpeg', channels: 3, quality: 80 }, autoCrop: true, deskew: true, dropBlankPages: false },
  receipt: { id: 'receipt', capture: { colorMode: 'gray', dpi: 200 }, output: { format: 'jpeg', channels: 1, quality: 65 }, autoCrop: true, deskew: true, dropBlankPages: true },
};

export const scanProfileIdSchema = z.enum(scanProfileIds);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const scanDeviceSchema = z.object({
  /** Stable across restarts and enumeration order: `escl:<root URL>` or `sane:<device name>`. */
  id: z.string().min(1).max(500),
  kind: z.enum(['escl', 'sane']),
  name: z.string(),
  /** Paper sources the device offers. */
  inputs: z.array(z.enum(['platen', 'feeder'])),
});
export type ScanDevice = z.infer<typeof scanDeviceSchema>;

/** One page of a batch as the operator sees it. */
export const pageViewSchema = z.object({
  id: z.string(),
  /** Small JPEG as a data: URL, for the thumbnail strip. */
  thumbnail: z.string(),
  /** Bytes this page adds to the PDF. */
  bytes: z.number().int().nonnegative(),
  widthPx: z.number().int().positive(),
  heightPx: z.number().int().positive(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Automatic correction applied (degrees); the operator may undo it. */
  deskewDegrees: z.number(),
  deskewUndone: z.boolean(),
  /** Judged blank: left out of the PDF unless the operator keeps it. */
  blank: z.boolean(),
  keepBlank: z.boolean(),
  /** Document index within the batch (a batch split into several documents). */
  document: z.number().int().nonnegative(),
  /** Where the page came from, e.g. the imported file's name. */
  origin: z.string(),
});
export type PageView = z.infer<typeof pageViewSchema>;

export const batchViewSchema = z.object({
  batchId: z.string(),
  profile: scanProfileIdSchema,
  pages: z.array(pageViewSchema),
  job: z.object({
    state: z.enum(['idle', 'scanning', 'importing', 'done', 'failed', 'cancelled']),
    /** Pages (or files) handled so far, and the total when known (imports know it, feeders do not). */
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    /** Why it stopped or what was refused: codes the renderer translates, with the file or page they concern. */
    problems: z.array(z.object({ code: z.string(), subject: z.string(), detail: z.string().optional() })),
  }),
});
export type BatchView = z.infer<typeof batchViewSchema>;

/** A scan or an import is under way: no second one starts, and the batch cannot be finished yet. */
export const isJobRunning = (job: BatchView['job']): boolean => job.state === 'scanning' || job.state === 'importing';

export const pageEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('rotate'), pageId: z.string(), degrees: z.union([z.literal(90), z.literal(-90), z.literal(180)]) }),
  z.object({ op: z.literal('delete'), pageId: z.string() }),
  z.object({ op: z.literal('move'), pageId: z.string(), toIndex: z.number().int().nonnegative() }),
  z.object({ op: z.literal('toggleDeskew'), pageId: z.string() }),
  z.object({ op: z.literal('toggleKeepBlank'), pageId: z.string() }),
  /** Starts a new document at this page (the pages after it follow), or joins it back to the one before. */
  z.object({ op: z.literal('toggleSplit'), pageId: z.string() }),
]);
export type PageEdit = z.infer<typeof pageEditSchema>;

/** Where a scan's pages go: after the others, before a page (a forgotten sheet), or in place of one (a re-scan). */
export const scanPlacementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('append') }),
  z.object({ kind: z.literal('insertBefore'), pageId: z.string() }),
  z.object({ kind: z.literal('replace'), pageId: z.string() }),
]);
export type ScanPlacement = z.infer<typeof scanPlacementSchema>;

export const finishedDocumentSchema = z.object({
  sha256: sha256Hex,
  size: z.number().int().positive(),
  pageCount: z.number().int().positive(),
  fileName: z.string(),
  mimeType: z.literal('application/pdf'),
});
export type FinishedDocument = z.infer<typeof finishedDocumentSchema>;
