import type { TFunction } from 'i18next';
import type { Duration } from '../../../../shared/catalog/catalogSchema';

/** "15 жұмыс күні", "10–15 working days": a duration in the seed's own unit, in the operator's language. */
export function durationText(t: TFunction, duration: Duration): string {
  const amount = duration.maxAmount ? `${duration.amount}–${duration.maxAmount}` : String(duration.amount);
  return t(`units.${duration.unit}`, { amount });
}
