/**
 * Reads an audit log from disk and says whether it is the log the workstation wrote: every entry's hash,
 * the chain between them, the sequence, and each checkpoint's signature under the genesis key (or a key the
 * verifier pinned, which also catches a log rewritten from scratch under a new key). Reports the first
 * problem only: after one, everything later is suspect anyway.
 */
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { auditEntrySchema, type AuditEntry, type AuditProblemKind, type AuditVerification } from '../../../shared/audit/auditEntry';
import { witnessPayload, type AuditWitness } from '../../../shared/audit/auditWitness';
import { auditFileIn, checkpointPayload, entryHash, GENESIS_PREV_HASH } from './auditChain';
import { publicKeyInfo } from './auditKeyStore';

export interface ParsedLog {
  /** Complete lines in file order: an entry, or null where the line is not a well-formed entry. */
  lines: (AuditEntry | null)[];
  /** A last line without its newline that is not a whole entry: what a crash mid-write leaves. */
  tornTail?: { bytes: number };
}

function parseLine(text: string): AuditEntry | null {
  try {
    const parsed = auditEntrySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseAuditLog(content: string): ParsedLog {
  if (content === '') return { lines: [] };
  const pieces = content.split('\n');
  const last = pieces.pop() ?? '';
  const lines = pieces.map(parseLine);
  if (last === '') return { lines };
  // A crash can cut the final write anywhere; cut exactly before its newline, the entry is whole.
  const whole = parseLine(last);
  if (whole && whole.hash === entryHash(whole)) return { lines: [...lines, whole] };
  return { lines, tornTail: { bytes: Buffer.byteLength(last) } };
}

type Problem = NonNullable<AuditVerification['firstProblem']>;

/** A witness and where it was kept ('vault', 'gateway', a file), named in the verdict. */
export interface WitnessCopy {
  witness: AuditWitness;
  source: string;
}

export interface VerifyOptions {
  publicKeyPem?: string;
  /** The log must reach each of these: one that stops short of a witness was cut back. */
  witnesses?: WitnessCopy[];
}

export async function verifyAuditLog(dir: string, options: VerifyOptions = {}): Promise<AuditVerification> {
  const content = await readFile(auditFileIn(dir), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return verifyParsedLog(parseAuditLog(content), options);
}

export function verifyParsedLog({ lines, tornTail }: ParsedLog, options: VerifyOptions = {}): AuditVerification {
  const pinned = options.publicKeyPem ? publicKeyInfo(createPublicKey(options.publicKeyPem)) : undefined;
  const seqCounts = new Map<number, number>();
  for (const entry of lines) if (entry) seqCounts.set(entry.seq, (seqCounts.get(entry.seq) ?? 0) + 1);

  let key: KeyObject | undefined;
  let fingerprint: string | undefined;
  let publicKeyPem: string | undefined;
  let previous: AuditEntry | undefined;
  let checkpoints = 0;
  let sealedThrough = 0;
  let entries = 0;
  const result = (problem?: Problem): AuditVerification => ({
    ok: problem === undefined,
    entries,
    checkpoints,
    sealedThrough,
    ...(fingerprint ? { keyFingerprint: fingerprint } : {}),
    ...(publicKeyPem ? { publicKeyPem } : {}),
    ...(problem ? { firstProblem: problem } : {}),
  });
  const problem = (seq: number, kind: AuditProblemKind, detail: string, missing?: Problem['missing']) => result({ seq, kind, detail, ...(missing ? { missing } : {}) });

  for (const [index, entry] of lines.entries()) {
    const expected = nextSeq(previous);
    if (!entry) return problem(expected, 'edited', `line ${index + 1} is not a well-formed entry`);
    if ((seqCounts.get(entry.seq) ?? 0) > 1) return problem(entry.seq, 'inserted', `entry number ${entry.seq} appears more than once`);
    if (entry.seq !== expected) {
      if (lines.slice(index + 1).some((other) => other?.seq === expected)) return problem(expected, 'reordered', `entry ${expected} stands after entry ${entry.seq}`);
      if (entry.seq > expected) return problem(expected, 'deleted', `entries ${expected}–${entry.seq - 1} are missing`);
      return problem(entry.seq, 'reordered', `entry ${entry.seq} stands after entry ${expected - 1}`);
    }
    if (entry.action === 'audit.checkpoint') {
      const sealed = checkCheckpoint(entry, previous, key, fingerprint);
      if (sealed) return problem(entry.seq, sealed.kind, sealed.detail);
    }
    if (entry.hash !== entryHash(entry)) return problem(entry.seq, 'edited', `entry ${entry.seq} was changed after it was written`);
    if (entry.prevHash !== (previous?.hash ?? GENESIS_PREV_HASH)) {
      return previous ? problem(previous.seq, 'edited', `entry ${previous.seq} no longer matches the chain`) : problem(entry.seq, 'edited', 'the first entry does not start the chain');
    }
    if (entry.seq === 1) {
      const genesisKey = typeof entry.details?.publicKey === 'string' && entry.action === 'audit.genesis' ? entry.details.publicKey : undefined;
      if (!genesisKey) return problem(1, 'edited', 'the first entry does not carry the workstation key');
      key = createPublicKey({ key: Buffer.from(genesisKey, 'base64'), format: 'der', type: 'spki' });
      ({ fingerprint, pem: publicKeyPem } = publicKeyInfo(key));
      if (pinned && pinned.fingerprint !== fingerprint) return problem(1, 'rekeyed', `the log was started under key ${fingerprint.slice(0, 16)}…, not the pinned ${pinned.fingerprint.slice(0, 16)}…`);
    }
    entries++;
    if (entry.action === 'audit.checkpoint') {
      checkpoints++;
      sealedThrough = entry.seq;
    }
    previous = entry;
  }
  const bySeq = new Map(lines.flatMap((entry) => (entry ? [[entry.seq, entry] as const] : [])));
  for (const { witness, source } of options.witnesses ?? []) {
    const last = previous?.seq ?? 0;
    if (key && witness.keyFingerprint !== fingerprint) return problem(1, 'rekeyed', `the ${source} witness was signed under key ${witness.keyFingerprint.slice(0, 16)}…, the log under ${fingerprint?.slice(0, 16)}…`);
    if (key && !verifySignature(null, Buffer.from(witnessPayload(witness.seq, witness.hash), 'utf8'), key, Buffer.from(witness.signature, 'base64'))) {
      return problem(witness.seq, 'badCheckpoint', `the ${source} witness of entry ${witness.seq} has an invalid signature`);
    }
    if (witness.seq > last) return problem(last + 1, 'truncated', `entries ${last + 1}–${witness.seq} are missing: the ${source} witness saw the log reach entry ${witness.seq}`, { from: last + 1, to: witness.seq });
    if (bySeq.get(witness.seq)?.hash !== witness.hash) return problem(witness.seq, 'edited', `entry ${witness.seq} is not the one the ${source} witness saw`);
  }
  if (tornTail) return problem(nextSeq(previous), 'truncatedTail', `the last line was cut off (${tornTail.bytes} bytes), as a crash while writing leaves it`);
  return result();
}

const nextSeq = (previous: AuditEntry | undefined) => (previous?.seq ?? 0) + 1;

function checkCheckpoint(entry: AuditEntry, previous: AuditEntry | undefined, key: KeyObject | undefined, fingerprint: string | undefined): { kind: AuditProblemKind; detail: string } | undefined {
  const { seq, hash, signature, keyFingerprint } = entry.details ?? {};
  if (!previous || !key || seq !== previous.seq || hash !== previous.hash || typeof signature !== 'string') {
    return { kind: 'badCheckpoint', detail: `checkpoint ${entry.seq} does not seal the entry before it` };
  }
  if (keyFingerprint !== fingerprint) return { kind: 'rekeyed', detail: `checkpoint ${entry.seq} was signed with another key` };
  if (!verifySignature(null, checkpointPayload(seq, hash), key, Buffer.from(signature, 'base64'))) {
    return { kind: 'badCheckpoint', detail: `checkpoint ${entry.seq} has an invalid signature` };
  }
  return undefined;
}
