/**
 * What the sandbox publishes for its test CA at /pki, laid out like NCA's test.pki.gov.kz: the full and delta CRLs and
 * the CA certificate under the names the certificates carry, and the OCSP responder (sandbox/server.ts serves them).
 */
import { createOcspResponder } from '../ocsp/ocspResponder';
import type { TestPki } from '../pki/testPki';
import type { SandboxPkiPublication } from '../server';
import type { CrlPublisher } from './crlPublisher';

const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

/** The path under the publication base, e.g. "crl/qabyl_gost2015_test.crl" for ".../crl/qabyl_gost2015_test.crl". */
const pathOf = (url: string) => new URL(url).pathname.replace(/^\//, '');

export function createPkiPublication(options: { testPki: TestPki; crlPublisher: CrlPublisher }): SandboxPkiPublication {
  const { testPki, crlPublisher } = options;
  const responder = createOcspResponder({
    issuerCertificatePem: testPki.intermediateCertPem,
    responder: testPki.issueOcspSignerCertificate(),
    revokedAt: (serial) => crlPublisher.revokedAt(serial),
  });
  const intermediateDer = derOfPem(testPki.intermediateCertPem);
  const files: Record<string, () => { contentType: string; body: Uint8Array }> = {
    [pathOf(testPki.publication.fullCrlUrl)]: () => ({ contentType: 'application/pkix-crl', body: crlPublisher.crl() }),
    [pathOf(testPki.publication.deltaCrlUrl)]: () => ({ contentType: 'application/pkix-crl', body: crlPublisher.deltaCrl() }),
    [pathOf(testPki.publication.caIssuersUrl)]: () => ({ contentType: 'application/pkix-cert', body: intermediateDer }),
  };
  return {
    file: (path) => files[path]?.() ?? null,
    ocsp: (requestDer) => responder.respond(requestDer),
  };
}
