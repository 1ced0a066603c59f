/**
 * Writes a feed folder the way electron-builder publishes one: the installer and a latest*.yml naming it with
 * its SHA-512 (base64) and size. For tests and for trainers who want to rehearse an update on one machine.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface UpdateFeedRelease {
  version: string;
  /** latest.yml (Windows) or latest-linux.yml. */
  feedFile: string;
  fileName: string;
  bytes: Uint8Array;
  releaseDate?: Date;
  /** Signs the feed's bytes (base64) into <feedFile>.sig, the file the app looks for (electron/host/updates/feedSignature.ts). */
  sign?: (feed: Uint8Array) => string;
}

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

export async function writeUpdateFeed(dir: string, release: UpdateFeedRelease): Promise<{ sha512: string }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, release.fileName), release.bytes);
  const sha512 = createHash('sha512').update(release.bytes).digest('base64');
  const yaml = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${quoted(release.fileName)}`,
    `    sha512: ${sha512}`,
    `    size: ${release.bytes.length}`,
    `path: ${quoted(release.fileName)}`,
    `sha512: ${sha512}`,
    `releaseDate: ${quoted((release.releaseDate ?? new Date()).toISOString())}`,
    '',
  ].join('\n');
  await writeFile(join(dir, release.feedFile), yaml);
  if (release.sign) await writeFile(join(dir, `${release.feedFile}.sig`), release.sign(Buffer.from(yaml)));
  return { sha512 };
}
