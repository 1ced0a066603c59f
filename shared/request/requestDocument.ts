/**
 * The request as it is signed and sent: one XML document whose bytes are fixed at signing time.
 * The builder is deterministic (fixed element order, escaped text, no insignificant whitespace)
 * so the same request always yields the same bytes, and the commit body is identical on retries.
 */
import { z } from 'zod';

export const requestDocumentSchema = z.object({
  submissionId: z.string().uuid(),
  localNumber: z.string().min(1),
  catalogVersion: z.string().min(1),
  serviceId: z.string().min(1),
  requestKind: z.string().min(1),
  office: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  operator: z.object({ iin: z.string().regex(/^\d{12}$/), fullName: z.string().min(1) }),
  applicant: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('individual'),
      iin: z.string().regex(/^\d{12}$/),
      surname: z.string().min(1),
      givenName: z.string().min(1),
      patronymic: z.string(),
    }),
    z.object({ kind: z.literal('legalEntity'), bin: z.string().regex(/^\d{12}$/), name: z.string().min(1) }),
  ]),
  /** Form answers by field id; values are text as entered. */
  form: z.record(z.string(), z.string()),
  attachments: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().min(1),
      mimeType: z.string().min(1),
      size: z.number().int().nonnegative(),
    }),
  ),
  createdAt: z.string(),
});
export type RequestDocument = z.infer<typeof requestDocumentSchema>;

export const REQUEST_XML_NAMESPACE = 'urn:qabyl:request:v0';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Control characters other than tab/newline are not allowed in XML 1.0 at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

const element = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

function applicantXml(applicant: RequestDocument['applicant']): string {
  if (applicant.kind === 'legalEntity') return `<applicant kind="legalEntity" bin="${applicant.bin}">${element('name', applicant.name)}</applicant>`;
  return (
    `<applicant kind="individual" iin="${applicant.iin}">` +
    element('surname', applicant.surname) +
    element('givenName', applicant.givenName) +
    element('patronymic', applicant.patronymic) +
    `</applicant>`
  );
}

export function buildRequestXml(doc: RequestDocument): string {
  const formFields = Object.keys(doc.form)
    .sort()
    .map((id) => `<field id="${escapeXml(id)}">${escapeXml(doc.form[id] ?? '')}</field>`)
    .join('');
  const attachments = doc.attachments
    .map(
      (a) =>
        `<attachment sha256="${a.sha256}" size="${a.size}" mimeType="${escapeXml(a.mimeType)}">${escapeXml(a.fileName)}</attachment>`,
    )
    .join('');
  return (
    `<request xmlns="${REQUEST_XML_NAMESPACE}" submissionId="${doc.submissionId}">` +
    element('localNumber', doc.localNumber) +
    element('catalogVersion', doc.catalogVersion) +
    element('service', doc.serviceId) +
    element('kind', doc.requestKind) +
    `<office code="${escapeXml(doc.office.code)}">${escapeXml(doc.office.name)}</office>` +
    `<operator iin="${doc.operator.iin}">${escapeXml(doc.operator.fullName)}</operator>` +
    applicantXml(doc.applicant) +
    `<form>${formFields}</form>` +
    `<attachments>${attachments}</attachments>` +
    element('createdAt', doc.createdAt) +
    `</request>`
  );
}
