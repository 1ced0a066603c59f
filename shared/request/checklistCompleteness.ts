/**
 * Whether the applicant's package is complete at the window against the kind's checklist. (No seed states the
 * refusal to accept an incomplete package: seed 004 Table 3 has the operator scan and attach what was brought; the
 * refusal receipt is the service centre's own practice.) An item counts as presented when a document is attached
 * for it or the operator marked it "on paper". Where the regulation allows a scanned receipt instead of the payment
 * gateway (seeds 000 and 003 annex 3), paying by receipt makes the payment-receipt item required, so the receipt is
 * the evidence; the schema refuses such a rule without that item. A gateway payment's evidence is its reference,
 * a required field of the form checked against the gateway before signing.
 */
import type { RequestKind, Service } from '../catalog/catalogSchema';
import { PAYMENT_BY_RECEIPT, paperMarkId } from '../forms/catalogForms';
import { YES, type FormValues } from '../forms/formSchema';

type ChecklistItem = RequestKind['checklist'][number];

export interface ItemPresence {
  item: ChecklistItem;
  /** Pages scanned or imported for it; null when only paper was presented. */
  pages: number | null;
  scanned: boolean;
  onPaper: boolean;
  required: boolean;
}

export interface Completeness {
  items: ItemPresence[];
  missing: ChecklistItem[];
  complete: boolean;
}

export function checklistCompleteness(service: Service, kind: RequestKind, values: FormValues, documents: { checklistItemId?: string; pageCount?: number }[]): Completeness {
  const receiptRequired = service.payment?.rule === 'gatewayRecordOrReceiptScan' && values.paymentMethod === PAYMENT_BY_RECEIPT;
  const items = kind.checklist.map((item): ItemPresence => {
    const attached = documents.filter((document) => document.checklistItemId === item.id);
    return {
      item,
      pages: attached.length > 0 ? attached.reduce((sum, document) => sum + (document.pageCount ?? 0), 0) : null,
      scanned: attached.length > 0,
      onPaper: values[paperMarkId(item.id)] === YES,
      required: item.required || (receiptRequired && item.kind === 'paymentReceipt'),
    };
  });
  const missing = items.filter((presence) => presence.required && !presence.scanned && !presence.onPaper).map((presence) => presence.item);
  return { items, missing, complete: missing.length === 0 };
}
