/**
 * The content of the applicant's receipts, read from the store of record at the moment of printing, so a receipt
 * printed again later carries the registration number once it is known.
 */
import type { RequestKind, Service } from '../../../../shared/catalog/catalogSchema';
import { APPLICANT_LEGAL_ENTITY } from '../../../../shared/forms/catalogForms';
import type { HostClient, HostResult } from '../../../../shared/host/hostApi';
import { checklistCompleteness } from '../../../../shared/request/checklistCompleteness';
import type { QabylDatabase } from '../../db/database';
import { expectedResultDay } from '../requests/expectedResult';
import type { PaperSource } from './PaperActions';

interface Context {
  host: HostClient;
  db: QabylDatabase;
  office: HostResult<'app.info'>['office'];
  service: Service;
  kind: RequestKind;
}

async function commonContent({ db, office, service, kind }: Context, requestId: string) {
  const request = await db.requests.get(requestId);
  if (!request) throw new Error(`request ${requestId} is gone`);
  const documents = await db.documents.where('requestId').equals(requestId).toArray();
  const operator = await db.operators.get(request.operatorId);
  const legal = request.form.applicantType === APPLICANT_LEGAL_ENTITY;
  const applicantName = legal ? request.applicant.surname : [request.applicant.surname, request.applicant.givenName, request.applicant.patronymic].filter(Boolean).join(' ');
  const completeness = checklistCompleteness(service, kind, request.form, documents);
  return {
    request,
    completeness,
    content: {
      localNumber: request.localNumber,
      ...(request.registrationNumber ? { registrationNumber: request.registrationNumber } : {}),
      service: { kk: service.name.kk, ru: service.name.ru },
      kind: { kk: kind.name.kk, ru: kind.name.ru },
      applicant: { name: applicantName, idNumber: request.applicantIin, kind: legal ? ('legalEntity' as const) : ('individual' as const) },
      operatorName: operator?.fullName ?? request.operatorId,
      office,
    },
  };
}

export function acceptanceReceipt(context: Context, requestId: string): PaperSource {
  return {
    kind: 'acceptance',
    async produce() {
      const { request, completeness, content } = await commonContent(context, requestId);
      const documents = completeness.items
        .filter((presence) => presence.scanned || presence.onPaper)
        .map((presence) => ({ name: { kk: presence.item.name.kk, ru: presence.item.name.ru }, pages: presence.pages, onPaper: presence.onPaper }));
      return context.host.call('papers.acceptanceReceipt', { ...content, submissionId: request.id, documents, at: request.acceptedAt ?? request.updatedAt, expectedResultDate: expectedResultDay(context.kind, request) });
    },
  };
}

export function refusalReceipt(context: Context, requestId: string): PaperSource {
  return {
    kind: 'refusal',
    async produce() {
      const { request, completeness, content } = await commonContent(context, requestId);
      const missing = completeness.missing.map((item) => ({ name: { kk: item.name.kk, ru: item.name.ru } }));
      return context.host.call('papers.refusalReceipt', { ...content, missing, at: request.updatedAt });
    },
  };
}

/** The notice that a stopped request was withdrawn, for the applicant who holds its receipt of acceptance. */
export function withdrawalNotice(context: Context, requestId: string): PaperSource {
  return {
    kind: 'withdrawal',
    async produce() {
      const { request, content } = await commonContent(context, requestId);
      if (!request.withdrawal || !request.acceptedAt) throw new Error(`request ${requestId} was not withdrawn`);
      return context.host.call('papers.withdrawalNotice', { ...content, acceptedAt: request.acceptedAt, at: request.withdrawal.at, reason: request.withdrawal.reason });
    },
  };
}
