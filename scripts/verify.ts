/**
 * `npm run verify -- --trust CERTS.pem PACKAGE.json…` or `npm run verify -- --trust CERTS.pem --sandbox DIR --id UUID`:
 * checks a request package (the body a workstation sends: signed XML, attachments, their CMS signatures) the
 * way a receiver would, prints one line per part, and exits 1 if anything fails.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { signedPackageSchema, verifyPackage, type SignedPackage } from '../sandbox/pki/verifyPackage';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { trust: { type: 'string', multiple: true }, sandbox: { type: 'string' }, id: { type: 'string' } },
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

const pems = await Promise.all((values.trust ?? []).map((file) => readFile(file, 'utf8')));
const trusted = pems.flatMap((pem) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []);
if (trusted.length === 0 || (positionals.length === 0 && !(values.sandbox && values.id))) {
  console.error('usage: npm run verify -- --trust CERTS.pem (PACKAGE.json… | --sandbox DIR --id UUID)');
  process.exit(2);
}

const packages: [string, SignedPackage][] = values.sandbox && values.id ? [[values.id, await fromSandbox(values.sandbox, values.id)]] : [];
for (const file of positionals) packages.push([file, signedPackageSchema.parse(JSON.parse(await readFile(file, 'utf8')))]);

let failed = false;
for (const [name, body] of packages) {
  for (const check of await verifyPackage(body, trusted)) {
    failed ||= !check.ok;
    console.log(`${check.ok ? 'OK  ' : 'FAIL'} ${name} ${check.part}: ${check.detail}`);
  }
}
process.exitCode = failed ? 1 : 0;
