/**
 * GET /updates/<file>: a folder served as an electron-updater generic feed (latest.yml, latest-linux.yml and the
 * installers they name), so the update path can be exercised on loopback. Installers are binary and large, so
 * they are streamed rather than going through the sandbox's text replies.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { problemReply, sendReply } from '../httpIo';
import { problem, problemTypes, ProblemError } from '../problems';

const UPDATES_ROUTE = /^\/updates\/([^/]+)$/;

export const isUpdatesRequest = (req: IncomingMessage): boolean => new URL(req.url ?? '/', 'http://sandbox').pathname.startsWith('/updates/');

/** Only plain file names directly inside the folder: no sub-folders, no dot files, no way out of it. */
function fileNameOf(req: IncomingMessage): string {
  const segment = UPDATES_ROUTE.exec(new URL(req.url ?? '/', 'http://sandbox').pathname)?.[1];
  let name: string | undefined;
  try {
    name = segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    name = undefined;
  }
  if (name === undefined || name.startsWith('.') || /[/\\\0]/.test(name)) throw problem(404, problemTypes.notFound, 'No such update file', req.url ?? '');
  return name;
}

export async function serveUpdateFile(updatesDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw problem(405, problemTypes.methodNotAllowed, 'Method not allowed', `${req.method} is not allowed here`, { allow: 'GET, HEAD' });
    }
    const path = join(updatesDir, fileNameOf(req));
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw problem(404, problemTypes.notFound, 'No such update file', req.url ?? '');
    res.writeHead(200, {
      'content-type': /\.ya?ml$/i.test(path) ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch (error) {
    const reply = error instanceof ProblemError ? error : problem(500, problemTypes.internal, 'Internal sandbox error', (error as Error).message);
    if (!res.headersSent) sendReply(res, problemReply(reply));
  }
}
