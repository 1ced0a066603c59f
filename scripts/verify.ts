/**
 * `npm run verify -- (--trust CERTS | --profile test|production) [--crl CRL…] [--at ISO-TIME] [--content FILE] FILE…` or
 * `… --sandbox DIR --id UUID`:
 * checks signed things the way a receiver would and prints one line per check, exiting 1 if any fails:
 * - a request package (`.json`: the body a workstation sends — signed XML, attachments, their CMS signatures);
 * - a signed XML file (enveloped XMLDSig, RSA / GOST 2015 / GOST 2004, e.g. from Kalkan or NCALayer);
 * - a CMS file (DER, PEM or base64; attached, or detached with `--content` naming the signed file).
 * `--trust` takes PEM or DER certificate files or folders of them (`.pem .cer .crt`): roots and intermediates.
 * `--profile` trusts a trust profile's pinned certificates and CRLs, as the workstation does (with --trust as its
 * trust folder).
 * `--at` is the moment to judge signer certificates at where a signature attests none (an XML; a CMS without
 * time-stamp or signing time): NCA's test keys have expired, so their signatures are checked inside their validity.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyCms } from '../shared/pki/detachedCms';
import { CERTIFICATE_LABELS, CMS_LABELS, CRL_LABELS, derObjectsOf } from '../shared/pki/pem';
import { KEY_ALGORITHM_NAME } from '../shared/pki/signatureAlgorithms';
import type { RevocationStatus } from '../shared/pki/signerCertificate';
import { cmsDetail, signedPackageSchema, verifyPackage, type PackageCheck, type SignedPackage } from '../sandbox/pki/verifyPackage';
import { verifyXmlSignature } from '../sandbox/pki/verifyRequestSignature';
import { loadWorkstationTrust } from '../electron/host/trust/trustStore';
import { profileOption } from './keyFileReport';

const USAGE =
  'usage: npm run verify -- (--trust CERTS(.pem|.cer|.crt|DIR)… | --profile test|production) [--crl FILE…] [--at ISO-TIME] [--content FILE] (FILE… | --sandbox DIR --id UUID)';
const TRUST_FILE = /\.(pem|cer|crt)$/i;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    trust: { type: 'string', multiple: true },
    profile: { type: 'string' },
    crl: { type: 'string', multiple: true },
    at: { type: 'string' },
    content: { type: 'string' },
    sandbox: { type: 'string' },
    id: { type: 'string' },
  },
});

/** A package the sandbox received, rebuilt from its record and its stored attachment files. */
async function fromSandbox(dataDir: string, id: string): Promise<SignedPackage> {
  const record = JSON.parse(await readFile(join(dataDir, 'submissions', `${id}.json`), 'utf8')) as {
    signedXml: string;
    attachments: { sha256: string; fileName: string; mimeType: string; cmsBase64?: string }[];
  };
  const attachments = await Promise.all(
    record.attachments.map(async (attachment) => ({ ...attachment, contentBase64: (await readFile(join(dataDir, 'attachments', attachment.sha256))).toString('base64') })),
  );
  return { signedXml: record.signedXml, attachments };
}

/** Certificates (DER) from files and folders given to --trust. */
async function trustedCertificates(paths: readonly string[]): Promise<Uint8Array[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) files.push(...(await readdir(path)).filter((name) => TRUST_FILE.test(name)).sort().map((name) => join(path, name)));
    else files.push(path);
  }
  const found = await Promise.all(files.map(async (file) => derObjectsOf(new Uint8Array(await readFile(file)), CERTIFICATE_LABELS)));
  return found.flat();
}

const at = values.at ? new Date(values.at) : undefined;
const profile = values.profile === undefined ? null : profileOption(values.profile);
const noTrust = !values.trust?.length && !profile;
if ((at && Number.isNaN(at.getTime())) || noTrust || (values.profile !== undefined && !profile) || (positionals.length === 0 && !(values.sandbox && values.id))) {
  console.error(USAGE);
  process.exit(2);
}
const profileTrust = profile ? await loadWorkstationTrust({ profile, trustDir: values.trust?.[0] ?? '' }) : null;
const trusted = [
  ...(profileTrust?.anchors.map((certificate) => new Uint8Array(certificate.toSchema().toBER(false))) ?? []),
  ...(profile ? [] : await trustedCertificates(values.trust ?? [])),
];
const crlsDer = [
  ...(profileTrust?.crls.map((crl) => new Uint8Array(crl.toSchema().toBER(false))) ?? []),
  ...(await Promise.all((values.crl ?? []).map(async (file) => derObjectsOf(new Uint8Array(await readFile(file)), CRL_LABELS)))).flat(),
];
const moment = at ? { at } : {};

const revocationText = (revocation: RevocationStatus) =>
  revocation.status === 'good' ? ` (not revoked per the CRL of ${revocation.crlThisUpdate.toISOString()})` : ' (revocation not checked: no CRL of the issuer given)';

async function checkXml(xml: string): Promise<PackageCheck[]> {
  const verdict = await verifyXmlSignature(xml, { trusted, crls: crlsDer, ...moment });
  if (!verdict.ok) return [{ part: 'XMLDSig', ok: false, detail: `${verdict.problem}: ${verdict.reason}` }];
  const { signer } = verdict;
  const who = `${signer.commonName}${signer.iin ? `, IIN ${signer.iin}` : ''}${signer.bin ? `, BIN ${signer.bin}` : ''}`;
  return [{ part: 'XMLDSig', ok: true, detail: `signed by ${who}, ${signer.keyAlgorithm ? KEY_ALGORITHM_NAME[signer.keyAlgorithm] : '?'}, certificate good at ${(at ?? new Date()).toISOString()}${revocationText(verdict.revocation)}` }];
}

async function checkCms(bytes: Uint8Array): Promise<PackageCheck[]> {
  const [der] = derObjectsOf(bytes, CMS_LABELS);
  const content = values.content ? new Uint8Array(await readFile(values.content)) : undefined;
  const verdict = await verifyCms(der ?? bytes, { trustedCertificatesDer: trusted, crlsDer, ...(content ? { content } : {}), ...moment, crypto });
  if (!verdict.ok) return [{ part: 'CMS', ok: false, detail: `${verdict.problem}: ${verdict.reason}` }];
  const what = verdict.content ? `attached content, ${verdict.content.length} bytes` : `detached, over ${basename(values.content ?? '')}`;
  return [{ part: 'CMS', ok: true, detail: `${cmsDetail(verdict)}; ${what}; certificate good at ${verdict.attestedAt.toISOString()}${revocationText(verdict.revocation)}` }];
}

async function checkFile(file: string): Promise<PackageCheck[]> {
  const bytes = new Uint8Array(await readFile(file));
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (text.startsWith('{')) return verifyPackage(signedPackageSchema.parse(JSON.parse(new TextDecoder().decode(bytes))), trusted, { crlsDer, ...moment });
  if (text.startsWith('<')) return checkXml(new TextDecoder().decode(bytes));
  return checkCms(bytes);
}

const results: [string, PackageCheck[]][] = [];
if (values.sandbox && values.id) results.push([values.id, await verifyPackage(await fromSandbox(values.sandbox, values.id), trusted, { crlsDer, ...moment })]);
for (const file of positionals) {
  try {
    results.push([file, await checkFile(file)]);
  } catch (error) {
    results.push([file, [{ part: 'file', ok: false, detail: error instanceof Error ? error.message : String(error) }]]);
  }
}

let failed = false;
for (const [name, checks] of results) {
  for (const check of checks) {
    failed ||= !check.ok;
    console.log(`${check.ok ? 'OK  ' : 'FAIL'} ${name} ${check.part}: ${check.detail}`);
  }
}
process.exitCode = failed ? 1 : 0;
