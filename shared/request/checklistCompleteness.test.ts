import { describe, expect, it } from 'vitest';
import { bundledCatalog, findService } from '../catalog/catalog';
import { PAYMENT_BY_GATEWAY, PAYMENT_BY_RECEIPT, paperMarkId } from '../forms/catalogForms';
import { YES } from '../forms/formSchema';
import { checklistCompleteness } from './checklistCompleteness';

const service = findService(bundledCatalog, 'seed003.hydrocarbon-license')!;
const kind = service.kinds[0]!;
const receiptItem = kind.checklist.find((item) => item.kind === 'paymentReceipt')!;
const required = kind.checklist.filter((item) => item.required);

describe('checklist completeness', () => {
  it('names every required item that is neither attached nor on paper', () => {
    const result = checklistCompleteness(service, kind, {}, []);
    expect(result.complete).toBe(false);
    expect(result.missing.map((item) => item.id)).toEqual(required.map((item) => item.id));
  });

  it('counts a scan or a paper mark as presented, and adds up the pages of an item', () => {
    const [first, ...rest] = required;
    const values = Object.fromEntries(rest.map((item) => [paperMarkId(item.id), YES]));
    const documents = [
      { checklistItemId: first!.id, pageCount: 2 },
      { checklistItemId: first!.id, pageCount: 3 },
      { pageCount: 9 },
    ];
    const result = checklistCompleteness(service, kind, values, documents);
    expect(result.complete).toBe(true);
    expect(result.items.find((presence) => presence.item.id === first!.id)).toMatchObject({ pages: 5, scanned: true, onPaper: false });
    expect(result.items.find((presence) => presence.item.id === rest[0]!.id)).toMatchObject({ pages: null, scanned: false, onPaper: true });
  });

  it('requires the payment receipt when the fee was paid by receipt, not when it was paid through the gateway', () => {
    const allRequiredOnPaper = Object.fromEntries(required.map((item) => [paperMarkId(item.id), YES]));
    const byReceipt = checklistCompleteness(service, kind, { ...allRequiredOnPaper, paymentMethod: PAYMENT_BY_RECEIPT }, []);
    const byGateway = checklistCompleteness(service, kind, { ...allRequiredOnPaper, paymentMethod: PAYMENT_BY_GATEWAY }, []);
    expect(byReceipt.missing.map((item) => item.id)).toContain(receiptItem.id);
    expect(byGateway.missing.map((item) => item.id)).not.toContain(receiptItem.id);
    expect(checklistCompleteness(service, kind, { ...allRequiredOnPaper, paymentMethod: PAYMENT_BY_RECEIPT }, [{ checklistItemId: receiptItem.id, pageCount: 1 }]).complete).toBe(true);
  });
});
