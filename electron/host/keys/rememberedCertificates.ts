/**
 * The certificates of key files this workstation has unlocked, so the key picker can name each key's owner, IIN,
 * organisation, algorithm and validity, and say why it cannot sign, before the password is asked. Nothing else gives
 * that: NCA key files keep their certificate in a PKCS#12 bag encrypted with the key's own password (RC2-40), so
 * before the first unlock only the file name is known. A certificate is public data (the private key is never kept);
 * it is stored by the SHA-256 of the key file, so a replaced or changed file is unknown again, and entries of files
 * no longer in the folder are dropped at the next remembering. The signing act still judges the certificate it
 * decrypts: what is remembered here only informs the picker.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../storage/atomicFile';

export interface RememberedCertificate {
  certificateDer: Uint8Array;
  /** The file's other certificates: candidate intermediates for the chain, as the signing act uses them. */
  othersDer: Uint8Array[];
}

export interface CertificateMemory {
  recall(fileSha256: string): Promise<RememberedCertificate | null>;
  /** Keeps `certificate` for the file of that digest and forgets every file whose digest is not in `present`. */
  remember(fileSha256: string, certificate: RememberedCertificate, present: ReadonlySet<string>): Promise<void>;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const memorySchema = z.object({
  version: z.literal(1),
  certificates: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.object({ certificate: base64, others: z.array(base64) })),
});
type Stored = z.infer<typeof memorySchema>;

const empty = (): Stored => ({ version: 1, certificates: {} });
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function createCertificateMemory(file: string): CertificateMemory {
  async function load(): Promise<Stored> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw error;
    }
    // A damaged file only costs the picker its details until the next unlock; signing never depends on it.
    try {
      return memorySchema.parse(JSON.parse(text));
    } catch {
      return empty();
    }
  }
  // One write at a time: two signatures finishing together must not lose each other's entry.
  let writing: Promise<unknown> = Promise.resolve();

  return {
    async recall(fileSha256) {
      const entry = (await load()).certificates[fileSha256];
      return entry ? { certificateDer: bytes(entry.certificate), othersDer: entry.others.map(bytes) } : null;
    },
    remember(fileSha256, certificate, present) {
      const write = writing.then(async () => {
        const stored = await load();
        const certificates = Object.fromEntries(Object.entries(stored.certificates).filter(([digest]) => present.has(digest) && digest !== fileSha256));
        certificates[fileSha256] = {
          certificate: Buffer.from(certificate.certificateDer).toString('base64'),
          others: certificate.othersDer.map((der) => Buffer.from(der).toString('base64')),
        };
        await writeFileAtomically(file, JSON.stringify({ version: 1, certificates } satisfies Stored));
      });
      writing = write.catch(() => undefined);
      return write;
    },
  };
}
