/**
 * What the sandbox reads from a signed request XML (shared/request/requestDocument.ts builds it): the service
 * and kind, the applicant, the form answers and the attachment list. The signature is checked elsewhere.
 */
import { DOMParser, onErrorStopParsing, type Element } from '@xmldom/xmldom';
import { REQUEST_XML_NAMESPACE } from '../../shared/request/requestDocument';
import { problem, problemTypes } from '../problems';

export interface RequestFacts {
  serviceId: string;
  kindId: string;
  applicant: { kind: 'individual'; iin: string; fullName: string } | { kind: 'legalEntity'; bin: string; name: string };
  form: ReadonlyMap<string, string>;
  /** Lowercase sha256 of every listed attachment. */
  attachmentSha256: string[];
}

const invalid = (detail: string) => problem(422, problemTypes.signedXmlInvalid, 'Signed XML is not a request document', detail);

export function readRequestFacts(signedXml: string): RequestFacts {
  let root: Element;
  try {
    const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(signedXml, 'text/xml');
    root = document.documentElement as Element;
  } catch (error) {
    throw problem(422, problemTypes.signedXmlInvalid, 'Signed XML is not well-formed', (error as Error).message);
  }
  if (!root || root.namespaceURI !== REQUEST_XML_NAMESPACE || root.localName !== 'request') throw invalid(`the root element is not {${REQUEST_XML_NAMESPACE}}request`);
  const all = (name: string) => Array.from(root.getElementsByTagNameNS(REQUEST_XML_NAMESPACE, name));
  const text = (name: string) => all(name)[0]?.textContent ?? '';

  const applicantElement = all('applicant')[0];
  if (!applicantElement) throw invalid('no applicant');
  const applicant: RequestFacts['applicant'] =
    applicantElement.getAttribute('kind') === 'legalEntity'
      ? { kind: 'legalEntity', bin: applicantElement.getAttribute('bin') ?? '', name: text('name') }
      : { kind: 'individual', iin: applicantElement.getAttribute('iin') ?? '', fullName: [text('surname'), text('givenName'), text('patronymic')].filter(Boolean).join(' ') };
  return {
    serviceId: text('service'),
    kindId: text('kind'),
    applicant,
    form: new Map(all('field').map((field) => [field.getAttribute('id') ?? '', field.textContent ?? ''])),
    attachmentSha256: all('attachment').map((attachment) => (attachment.getAttribute('sha256') ?? '').toLowerCase()),
  };
}
