/**
 * `npm run audit:verify -- --data DIR [--public-key KEY.pem] [--export-key OUT.pem]`: checks a workstation's audit
 * log (DIR is its data folder, holding audit/, or the audit folder itself) and prints one line; exit 1 on any
 * problem, 2 on wrong use. --public-key pins the key the log must have been started under (exported earlier
 * with --export-key and kept elsewhere), which also catches a log rewritten from scratch under a new key.
 * The witness in the data folder's vault/ (and any --witness FILE, e.g. the gateway's copy) must be reached by
 * the log: one that stops short of a witness is reported `truncated` with the missing entries.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_FILE } from '../electron/host/audit/auditChain';
import { AUDIT_WITNESS_FILE, readAuditWitness } from '../electron/host/audit/auditWitnessStore';
import { verifyAuditLog, type WitnessCopy } from '../electron/host/audit/verifyAuditLog';

const { values } = parseArgs({ options: { data: { type: 'string' }, 'public-key': { type: 'string' }, 'export-key': { type: 'string' }, witness: { type: 'string', multiple: true } } });
const auditDir = values.data ? [join(values.data, 'audit'), values.data].find((dir) => existsSync(join(dir, AUDIT_FILE))) : undefined;
if (!auditDir) {
  console.error(values.data ? `no audit log (${AUDIT_FILE}) in ${values.data} or ${join(values.data, 'audit')}` : 'usage: npm run audit:verify -- --data DIR [--public-key KEY.pem] [--witness WITNESS.json]… [--export-key OUT.pem]');
  process.exit(2);
}

const publicKey = values['public-key'];
const witnesses: WitnessCopy[] = [];
for (const [file, source] of [[join(auditDir, '..', 'vault', AUDIT_WITNESS_FILE), 'vault'] as const, ...(values.witness ?? []).map((file) => [file, file] as const)]) {
  const witness = await readAuditWitness(file);
  if (witness) witnesses.push({ witness, source });
  else if (source !== 'vault') {
    console.error(`${file} is not an audit witness`);
    process.exit(2);
  }
}
const result = await verifyAuditLog(auditDir, { ...(publicKey ? { publicKeyPem: await readFile(publicKey, 'utf8') } : {}), witnesses });
if (values['export-key'] && result.publicKeyPem) await writeFile(values['export-key'], result.publicKeyPem);
const key = result.keyFingerprint ? `key ${result.keyFingerprint.slice(0, 16)}` : 'no key';
if (result.firstProblem) {
  const { kind, seq, detail } = result.firstProblem;
  // `truncated 12–40`: the range a witness saw that the file no longer has.
  const range = result.firstProblem.missing ? ` ${result.firstProblem.missing.from}–${result.firstProblem.missing.to}` : '';
  console.log(`NOT INTACT: ${kind}${range} at entry ${seq}: ${detail} (${result.entries} entries checked before it, ${key})`);
  process.exit(1);
}
console.log(`intact: ${result.entries} entries, ${result.checkpoints} signed checkpoints, sealed through entry ${result.sealedThrough}, ${witnesses.length} witness(es) reached, ${key}`);
