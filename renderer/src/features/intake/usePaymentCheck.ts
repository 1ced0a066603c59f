import type { PaymentRecord } from '../../../../shared/gateway/gatewayProtocol';
import type { FormValues } from '../../../../shared/forms/formSchema';
import { useAppServices } from '../../app/appContext';
import { useRegistryLookup, type Lookup } from './useRegistryLookup';

const REFERENCE = /^\d{10}$/;

export type PaymentCheck = Lookup<PaymentRecord>;

/** The fee's record in the payment gateway, once a whole reference is typed; a refunded or unknown one blocks signing. */
export function usePaymentCheck(values: FormValues): PaymentCheck {
  const { host } = useAppServices();
  const reference = values.paymentReference?.trim() ?? '';
  return useRegistryLookup(REFERENCE.test(reference) ? reference : null, (asked) => host.call('registry.payment', { reference: asked }));
}

export const paymentBlocks = (check: PaymentCheck): boolean => check.state === 'none' || (check.state === 'found' && check.record.status !== 'paid');
