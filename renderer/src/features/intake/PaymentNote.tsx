import { useTranslation } from 'react-i18next';
import { almatyDate } from '../../../../shared/calendar/workingDays';
import type { PaymentCheck } from './usePaymentCheck';

/** The fee's record in the payment gateway under the reference field: paid, refunded, unknown, or not checkable now. */
export function PaymentNote({ check }: { check: PaymentCheck }) {
  const { t, i18n } = useTranslation();
  if (check.state === 'idle') return null;
  const state = check.state === 'found' ? check.record.status : check.state;
  const facts =
    check.state === 'found'
      ? { amount: (check.record.amountTiyn / 100).toLocaleString(i18n.language, { minimumFractionDigits: 0 }), date: almatyDate(check.record.paidAt), payer: check.record.payer }
      : {};
  const blocking = state === 'refunded' || state === 'none';
  return (
    <div className={state === 'paid' ? 'note ok' : blocking ? 'note warning' : 'note muted'} data-testid="payment-state" data-state={state} role={blocking ? 'alert' : undefined} aria-live="polite">
      {t(`intake.payment_${state}`, facts)}
    </div>
  );
}
