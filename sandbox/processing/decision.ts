/**
 * The sandbox provider's decision, deterministic so trainers can stage either outcome (README, sandbox section).
 * A request is refused, with every ground that applies, when:
 *  - the applicant is absent from ЖТ МДБ / ЗТ МДБ (the synthetic registry rules), or the legal entity is inactive;
 *  - the form names a representative's power of attorney that ЕНИС does not hold, or that is revoked or expired
 *    on the day of receipt;
 *  - the form carries a `paymentReference` that ЭҮТШ does not hold, or whose payment was refunded.
 * Otherwise it gets a license. Each ground is one of the service's refusals in the catalog, with its paragraph.
 */
import type { Service } from '../../shared/catalog/catalogSchema';
import { YES } from '../../shared/forms/formSchema';
import type { SubmissionResult } from '../../shared/gateway/gatewayProtocol';
import { individualByIin, legalEntityByBin, paymentByReference, powerOfAttorneyByNumber, powerOfAttorneyInForce } from '../registries/syntheticRegistries';
import type { RequestFacts } from './requestFacts';

export type Ground = NonNullable<SubmissionResult['grounds']>[number];
export type Decision = { kind: 'license' } | { kind: 'refusal'; grounds: Ground[] };

type Reason = 'dataUnavailable' | 'dataIrregular' | 'noPayment';

/** The catalog refusal each reason rests on, first match wins; the service's first refusal otherwise. */
const refusalIds: Record<Reason, readonly string[]> = {
  dataUnavailable: ['data-unavailable', 'applicant-data-faulty', 'portal-data-violation', 'data-irregularities'],
  dataIrregular: ['data-irregularities', 'applicant-data-faulty', 'portal-data-violation'],
  noPayment: ['no-payment', 'portal-no-payment'],
};

/** The form fields the decision reads (shared/forms/catalogForms.ts; paymentReference when the form has one). */
export const formFields = { hasRepresentative: 'hasRepresentative', powerOfAttorneyNumber: 'powerOfAttorneyNumber', paymentReference: 'paymentReference' } as const;

function findings(facts: RequestFacts, receivedDay: string): [Reason, string][] {
  const found: [Reason, string][] = [];
  if (facts.applicant.kind === 'individual') {
    if (!individualByIin(facts.applicant.iin)) found.push(['dataUnavailable', `ЖТ МДБ-да ЖСН ${facts.applicant.iin} бойынша деректер жоқ`]);
  } else {
    const entity = legalEntityByBin(facts.applicant.bin);
    if (!entity) found.push(['dataUnavailable', `ЗТ МДБ-да БСН ${facts.applicant.bin} бойынша деректер жоқ`]);
    else if (!entity.active) found.push(['dataIrregular', `БСН ${entity.bin} заңды тұлғасы тізілімнен шығарылған`]);
  }
  const poaNumber = facts.form.get(formFields.powerOfAttorneyNumber)?.trim();
  if (facts.form.get(formFields.hasRepresentative) === YES && poaNumber) {
    const poa = powerOfAttorneyByNumber(poaNumber);
    if (!poa) found.push(['dataUnavailable', `ЕНИС-те № ${poaNumber} сенімхат табылмады`]);
    else if (poa.revoked) found.push(['dataIrregular', `№ ${poaNumber} сенімхаттың күші жойылған`]);
    else if (!powerOfAttorneyInForce(poa, receivedDay)) found.push(['dataIrregular', `№ ${poaNumber} сенімхаттың мерзімі ${poa.validUntil} аяқталған`]);
  }
  const paymentReference = facts.form.get(formFields.paymentReference)?.trim();
  if (paymentReference) {
    const payment = paymentByReference(paymentReference);
    if (!payment) found.push(['noPayment', `ЭҮТШ-да ${paymentReference} төлемі табылмады`]);
    else if (payment.status === 'refunded') found.push(['noPayment', `${paymentReference} төлемі қайтарылған`]);
  }
  return found;
}

export function decide(facts: RequestFacts, service: Service, receivedAt: Date): Decision {
  const found = findings(facts, receivedAt.toISOString().slice(0, 10));
  if (found.length === 0) return { kind: 'license' };
  return {
    kind: 'refusal',
    grounds: found.map(([reason, detail]) => {
      const refusal = refusalIds[reason].map((id) => service.refusals.find((candidate) => candidate.id === id)).find(Boolean) ?? service.refusals[0];
      if (!refusal) return { code: reason, text: detail, basis: service.source.paragraph };
      return { code: refusal.id, text: `${refusal.name.kk}: ${detail}`, basis: `${refusal.source.seed}, ${refusal.source.paragraph}` };
    }),
  };
}
