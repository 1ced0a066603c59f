/**
 * The NCA certificates a workstation trusts, per trust profile the administrator chooses in Settings. Every
 * certificate is named with where NCA publishes it and, when a copy is in this repository, pinned by the SHA-256 of
 * its DER: the copy the app carries must have exactly that fingerprint, or it is not used. A certificate no copy of
 * which could be obtained here has no pin yet: the administrator's trust folder supplies it, and the workstation says
 * which ones are missing. Intermediates are listed, not only roots, because NCA key files carry only the leaf.
 */
import { iinProblem } from '../identity/iin';

export const TRUST_PROFILES = ['ncaProduction', 'ncaTest'] as const;
export type TrustProfileId = (typeof TRUST_PROFILES)[number];

export interface ProfileCertificate {
  /** The file name NCA publishes it under (and the name to give it in the trust folder). */
  file: string;
  /** Subject CN: how a certificate supplied by the trust folder is recognised as this one. */
  commonName: string;
  role: 'root' | 'intermediate';
  algorithm: 'rsa' | 'gost2015' | 'gost2004';
  /** Where NCA publishes it. */
  sourceUrl: string;
  /** SHA-256 of the DER, lower-case hex; null when no copy could be obtained for the repository. */
  sha256: string | null;
  /** Signing needs it (a root whose intermediate is pinned is not needed to sign, only to show the whole chain). */
  required: boolean;
}

export interface ProfileCrl {
  file: string;
  issuerCommonName: string;
  sourceUrl: string;
  sha256: string;
}

export interface TrustProfile {
  id: TrustProfileId;
  certificates: readonly ProfileCertificate[];
  /** CRLs carried with the profile (the test PKI's, whose moments the test keys' validity falls in). */
  crls: readonly ProfileCrl[];
}

export const NCA_PRODUCTION: TrustProfile = {
  id: 'ncaProduction',
  // pki.gov.kz could not be reached from where this repository is built: no pins yet, the trust folder supplies them.
  certificates: [
    { file: 'root_gost_2022.cer', commonName: 'НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022', role: 'root', algorithm: 'gost2015', sourceUrl: 'https://pki.gov.kz/cert/root_gost_2022.cer', sha256: null, required: true },
    { file: 'nca_gost_2022.cer', commonName: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022', role: 'intermediate', algorithm: 'gost2015', sourceUrl: 'https://pki.gov.kz/cert/nca_gost_2022.cer', sha256: null, required: true },
    { file: 'root_rsa_2020.cer', commonName: 'НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) 2020', role: 'root', algorithm: 'rsa', sourceUrl: 'https://pki.gov.kz/cert/root_rsa_2020.cer', sha256: null, required: true },
    { file: 'nca_rsa_2022.cer', commonName: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) 2022', role: 'intermediate', algorithm: 'rsa', sourceUrl: 'https://pki.gov.kz/cert/nca_rsa_2022.cer', sha256: null, required: true },
  ],
  crls: [],
};

/** NCA's test PKI, from the public test material (test/fixtures/nca-test/README.md has the provenance). */
export const NCA_TEST: TrustProfile = {
  id: 'ncaTest',
  certificates: [
    { file: 'root_rsa_test.cer', commonName: 'НЕГІЗГІ КО TEST (RSA)', role: 'root', algorithm: 'rsa', sourceUrl: 'https://test.pki.gov.kz/cert/root_rsa_test.cer', sha256: '4d05179bcb02180bfc37618372671357df7dd8b7865973eae77b83213cae717b', required: true },
    { file: 'nca_rsa_test.cer', commonName: 'ҰКО 3.0 (RSA TEST)', role: 'intermediate', algorithm: 'rsa', sourceUrl: 'http://test.pki.gov.kz/cert/nca_rsa_test.cer', sha256: '7e96a36409dc11e0fc99efae41f8c639e16a495d77c2f2278edb98580f997231', required: true },
    { file: 'root_gost_test.cer', commonName: 'НЕГІЗГІ КО TEST (GOST)', role: 'root', algorithm: 'gost2004', sourceUrl: 'https://test.pki.gov.kz/cert/root_gost_test.cer', sha256: '06021684f52054692a1859686d5af527eda779e6183c2f3cd4fc1278e4067beb', required: true },
    { file: 'nca_gost_test.cer', commonName: 'ҰКО 3.0 (GOST TEST)', role: 'intermediate', algorithm: 'gost2004', sourceUrl: 'http://test.pki.gov.kz/cert/nca_gost_test.cer', sha256: '0307e8bdf77cb708b7c9d9a5799facdc6de7154447cb394af9ac9b528c3d82c7', required: true },
    { file: 'nca_gost2022_test.cer', commonName: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022', role: 'intermediate', algorithm: 'gost2015', sourceUrl: 'http://test.pki.gov.kz/cert/nca_gost2022_test.cer', sha256: 'beeffc0bdb77cd798c35983eb0715f6ef0051cccb71d7cd05505e8a4fb2c6f4d', required: true },
    // Not in the public material; the pinned intermediate above is enough to sign.
    { file: 'root_test_gost_2022.cer', commonName: 'НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022', role: 'root', algorithm: 'gost2015', sourceUrl: 'https://test.pki.gov.kz/cert/root_test_gost_2022.cer', sha256: null, required: false },
  ],
  crls: [
    { file: 'nca_rsa_test.crl', issuerCommonName: 'ҰКО 3.0 (RSA TEST)', sourceUrl: 'http://test.pki.gov.kz/crl/nca_rsa_test.crl', sha256: 'c2af386b73fc626590057585282fe7b04afd05f78cdcabd9a91ffd42169ec0b2' },
    { file: 'nca_gost_test.crl', issuerCommonName: 'ҰКО 3.0 (GOST TEST)', sourceUrl: 'http://test.pki.gov.kz/crl/nca_gost_test.crl', sha256: 'db0ca180458dda38523fe002f3ce407d8927a1c114e54a5f1c135fdfc4dd3b10' },
    { file: 'nca_gost2022_test.crl', issuerCommonName: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022', sourceUrl: 'http://test.pki.gov.kz/crl/nca_gost2022_test.crl', sha256: '5cb0411ebcfb6f90bace407e9db330102b4a78410625056f48a3ad592e9496ac' },
  ],
};

export const trustProfile = (id: TrustProfileId): TrustProfile => (id === 'ncaTest' ? NCA_TEST : NCA_PRODUCTION);

/**
 * The IINs NCA's test certificates carry (`SERIALNUMBER=IIN123456789011`, `…012`). They fail the IIN rules (the
 * "date" 12-34-56 and the check digit), so only the NCA test profile lets an operator account carry them.
 */
export const NCA_TEST_IINS: readonly string[] = ['123456789011', '123456789012'];

/**
 * Whether an operator account may carry `iin` under `profile`: a valid IIN always; in the NCA test profile also one
 * of NCA's test IINs, so a training workstation can sign with a real NCA test key. Everywhere else the IIN rules stay.
 */
export function operatorIinAccepted(iin: string, profile: TrustProfileId | null): boolean {
  return iinProblem(iin) === null || (profile === 'ncaTest' && NCA_TEST_IINS.includes(iin));
}
