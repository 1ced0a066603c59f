/**
 * `npm run audit:verify -- --data DIR [--public-key KEY.pem] [--export-key OUT.pem]`: checks a workstation's audit
 * log (DIR is its data folder, holding audit/, or the audit folder itself) and prints one line; exit 1 on any
 * problem, 2 on wrong use. --public-key pins the key the log must have been started under (exported earlier
 * with --export-key and kept elsewhere), which also catches a log rewritten from scratch under a new key.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_FILE } from '../electron/host/audit/auditChain';
import { verifyAuditLog } from '../electron/host/audit/verifyAuditLog';

const { values } = parseArgs({ options: { data: { type: 'string' }, 'public-key': { type: 'string' }, 'export-key': { type: 'string' } } });
const auditDir = values.data ? [join(values.data, 'audit'), values.data].find((dir) => existsSync(join(dir, AUDIT_FILE))) : undefined;
if (!auditDir) {
  console.error(values.data ? `no audit log (${AUDIT_FILE}) in ${values.data} or ${join(values.data, 'audit')}` : 'usage: npm run audit:verify -- --data DIR [--public-key KEY.pem] [--export-key OUT.pem]');
  process.exit(2);
}

const publicKey = values['public-key'];
const result = await verifyAuditLog(auditDir, publicKey ? { publicKeyPem: await readFile(publicKey, 'utf8') } : {});
if (values['export-key'] && result.publicKeyPem) await writeFile(values['export-key'], result.publicKeyPem);
const key = result.keyFingerprint ? `key ${result.keyFingerprint.slice(0, 16)}` : 'no key';
if (result.firstProblem) {
  const { kind, seq, detail } = result.firstProblem;
  console.log(`NOT INTACT: ${kind} at entry ${seq}: ${detail} (${result.entries} entries checked before it, ${key})`);
  process.exit(1);
}
console.log(`intact: ${result.entries} entries, ${result.checkpoints} signed checkpoints, sealed through entry ${result.sealedThrough}, ${key}`);
