/**
 * `npm run sign -- --key FILE.p12 [--password-file F] [--at ISO-TIME] [--profile test|production] [--trust DIR]
 * [--crl FILE…] --out DIR FILE…`: signs files the way the workstation signs a request — an enveloped XMLDSig over a
 * list of the files (name, type, SHA-256) and a detached CMS over each file with the key's own hash — after the same
 * key checks as the sign dialog (`npm run keys:check`). Writes DIR/package.json (what `npm run verify` checks),
 * DIR/signed.xml and DIR/<file>.cms. `--at` signs as of that moment (NCA's test keys have expired).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { escapeXml, REQUEST_XML_NAMESPACE } from '../shared/request/requestDocument';
import { createDetachedCms } from '../shared/pki/detachedCms';
import { signXmlEnveloped } from '../electron/host/keys/xmlSignature';
import { signingKeyOf } from '../electron/host/keys/unlockedSigningKey';
import type { SignedPackage } from '../sandbox/pki/verifyPackage';
import { judgeKeyFile, KEY_FILE_OPTIONS, keyFileQuestion, reportLines } from './keyFileReport';

const USAGE =
  'usage: npm run sign -- --key FILE.p12 [--password-file F] [--at ISO-TIME] [--profile test|production] [--trust DIR] [--crl FILE…] --out DIR FILE…';
const MIME_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml' };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ...KEY_FILE_OPTIONS,
    out: { type: 'string' },
  },
});

const question = values.out && positionals.length > 0 ? await keyFileQuestion(values, 'en') : null;
if (!question || !values.out) {
  console.error(USAGE);
  process.exit(2);
}
const { at } = question;
const { report, opened } = await judgeKeyFile(question);
if (!opened) {
  console.error(reportLines(report).join('\n'));
  process.exit(1);
}

const key = signingKeyOf(opened.key, opened.certificateDer);
const files = await Promise.all(
  positionals.map(async (path) => {
    const content = new Uint8Array(await readFile(path));
    return {
      content,
      fileName: basename(path),
      mimeType: MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }),
);
// The same element names as a request's attachment list, so `npm run verify` checks that exactly these were signed.
const listXml =
  `<signedFiles xmlns="${REQUEST_XML_NAMESPACE}" signedAt="${at.toISOString()}">` +
  files.map((file) => `<attachment sha256="${file.sha256}" fileName="${escapeXml(file.fileName)}" mimeType="${escapeXml(file.mimeType)}" size="${file.content.length}"/>`).join('') +
  `</signedFiles>`;
const signedXml = signXmlEnveloped(listXml, key);
const body: SignedPackage = { signedXml, attachments: [] };
await mkdir(values.out, { recursive: true });
for (const file of files) {
  const cms = await createDetachedCms({ contentDigest: key.digest(file.content), key, signingTime: at });
  await writeFile(join(values.out, `${file.fileName}.cms`), cms);
  body.attachments.push({ sha256: file.sha256, fileName: file.fileName, mimeType: file.mimeType, contentBase64: Buffer.from(file.content).toString('base64'), cmsBase64: Buffer.from(cms).toString('base64') });
}
await writeFile(join(values.out, 'signed.xml'), signedXml);
await writeFile(join(values.out, 'package.json'), JSON.stringify(body, null, 2));
console.log(`signed ${files.length} file(s) with ${report.algorithm} as ${report.commonName}${report.iin ? ` (IIN ${report.iin})` : ''} → ${join(values.out, 'package.json')}`);
