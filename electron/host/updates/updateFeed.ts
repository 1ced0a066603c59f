/**
 * Reads an electron-updater "generic provider" feed: the latest.yml / latest-linux.yml that electron-builder
 * writes next to the installers, on an intranet web server. In Electron, electron-updater itself downloads and
 * installs; this reader serves browser mode, diagnostics and tests, and verifies downloads the same way
 * (SHA-512, base64).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { load as loadYaml } from 'js-yaml';
import { z } from 'zod';
import { signatureFileName, verifyUpdateFeed } from './feedSignature';
import { UpdateFeedError } from './updateFeedError';

export { UpdateFeedError, type UpdateFeedErrorCode } from './updateFeedError';

const fileSchema = z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().int().nonnegative().optional() });
export type UpdateFile = z.infer<typeof fileSchema>;

const feedSchema = z
  .object({
    version: z.string().min(1),
    files: z.array(fileSchema).optional(),
    // The pre-`files` format, still written for old clients.
    path: z.string().optional(),
    sha512: z.string().optional(),
    releaseDate: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString() : d)).optional(),
  })
  .transform(({ files, path, sha512, ...rest }) => ({ ...rest, files: files?.length ? files : path && sha512 ? [{ url: path, sha512 }] : [] }))
  .refine((info) => info.files.length > 0, 'the feed lists no file');
export type UpdateInfo = z.infer<typeof feedSchema>;

/** The file name electron-updater looks for on this platform, on the default channel. */
export function feedFileName(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'latest-linux.yml';
  if (platform === 'darwin') return 'latest-mac.yml';
  return 'latest.yml';
}

/** Semver-ish: numeric dot parts compared as numbers; a pre-release (1.2.0-beta.1) sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = v.trim().replace(/^v/, '').split('+')[0]!.split(/-(.*)/s);
    return { parts: core.split('.').map((p) => Number.parseInt(p, 10) || 0), pre };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre, 'en', { numeric: true });
}

export function parseUpdateInfo(text: string): UpdateInfo {
  let raw: unknown;
  try {
    raw = loadYaml(text);
  } catch (error) {
    throw new UpdateFeedError('update.feedInvalid', `not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = feedSchema.safeParse(raw);
  if (!parsed.success) throw new UpdateFeedError('update.feedInvalid', parsed.error.issues.map((i) => `${i.path.join('.') || '(feed)'}: ${i.message}`).join('; '));
  return parsed.data;
}

const withSlash = (baseUrl: string) => (baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);

async function get(url: URL, timeoutMs: number): Promise<Response> {
  const response = await getIfThere(url, timeoutMs);
  if (!response) throw new UpdateFeedError('update.http', `${url.pathname}: HTTP 404`);
  return response;
}

/** The answer, or null when the server has no such file (404). */
async function getIfThere(url: URL, timeoutMs: number): Promise<Response | null> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new UpdateFeedError('update.unreachable', `${url.origin}: ${cause ?? (error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    if (response.status === 404) return null;
    throw new UpdateFeedError('update.http', `${url.pathname}: HTTP ${response.status}`);
  }
  return response;
}

export interface FeedLocation {
  /** The folder URL the administrator configured, e.g. https://updates.tsoq.local/qabyl/. */
  baseUrl: string;
  /** The release's keys the feed must verify under (feedSignature.ts's PINNED_UPDATE_KEYS outside tests). */
  publicKeysPem: readonly string[];
  platform: NodeJS.Platform;
  /** Default 30 s for the feed, 30 min for a download. */
  timeoutMs?: number;
}

/** The feed file's bytes, read only once its signature (the file beside it) verifies under a pinned key. */
export async function fetchVerifiedFeed(location: Pick<FeedLocation, 'baseUrl' | 'publicKeysPem'>, feedFile: string, read: (url: URL) => Promise<Uint8Array | null>): Promise<Uint8Array> {
  const base = withSlash(location.baseUrl);
  const feed = await read(new URL(feedFile, base));
  if (feed === null) throw new UpdateFeedError('update.http', `${new URL(feedFile, base).pathname}: HTTP 404`);
  const signature = await read(new URL(signatureFileName(feedFile), base));
  verifyUpdateFeed(feed, signature === null ? null : Buffer.from(signature).toString('utf8'), location.publicKeysPem);
  return feed;
}

export async function fetchUpdateInfo(location: FeedLocation): Promise<UpdateInfo> {
  const timeoutMs = location.timeoutMs ?? 30_000;
  const read = async (url: URL) => {
    const response = await getIfThere(url, timeoutMs);
    return response && new Uint8Array(await response.arrayBuffer());
  };
  const feed = await fetchVerifiedFeed(location, feedFileName(location.platform), read);
  return parseUpdateInfo(Buffer.from(feed).toString('utf8'));
}

/** The installer this platform's updater would take: the NSIS .exe on Windows, the AppImage on Linux. */
export function pickUpdateFile(info: UpdateInfo, platform: NodeJS.Platform): UpdateFile {
  const extension = platform === 'win32' ? '.exe' : platform === 'linux' ? '.AppImage' : '.zip';
  return info.files.find((f) => f.url.toLowerCase().endsWith(extension.toLowerCase())) ?? info.files[0]!;
}

export const sha512Base64 = (bytes: Uint8Array): string => createHash('sha512').update(bytes).digest('base64');

/**
 * Downloads `file` into `destDir` and returns its path. The bytes are hashed as they arrive and the file only
 * gets its final name once the SHA-512 matches the feed; a mismatch leaves nothing behind.
 */
export async function downloadUpdateFile(location: FeedLocation, file: UpdateFile, destDir: string): Promise<string> {
  const url = new URL(file.url, withSlash(location.baseUrl));
  const response = await get(url, location.timeoutMs ?? 30 * 60_000);
  await mkdir(destDir, { recursive: true });
  const target = join(destDir, basename(decodeURIComponent(url.pathname)));
  const partial = `${target}.partial`;
  const hash = createHash('sha512');
  try {
    if (!response.body) throw new UpdateFeedError('update.http', `${url.pathname}: empty response`);
    await pipeline(
      Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(partial),
    );
    const actual = hash.digest('base64');
    if (actual !== file.sha512) throw new UpdateFeedError('update.checksumMismatch', `${basename(target)}: SHA-512 ${actual} does not match the feed's ${file.sha512}`);
    await rename(partial, target);
    return target;
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof UpdateFeedError) throw error;
    throw new UpdateFeedError('update.unreachable', `${url.pathname}: ${(error as Error).message}`);
  }
}
