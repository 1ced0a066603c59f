/** Test-only: appends to the audit log in <dir> as fast as it can, in bursts, until the test kills the process. */
import { openAuditLog } from './auditLog';

const dir = process.argv[2];
if (!dir) throw new Error('usage: appendUntilKilled.testkit.ts DIR');
const log = await openAuditLog({ dir, checkpointEvery: 25 });
console.log('appending');
for (let burst = 0; ; burst++) {
  await Promise.all(Array.from({ length: 20 }, (_, i) => log.append({ actor: 'workstation', action: 'request.changed', subject: `burst-${burst}-${i}`, details: { fields: ['phone'] } })));
}
