/**
 * The app:// request → file decision, apart from Electron's protocol module so it is tested without the binary:
 * only our host, only reads, only files inside the renderer build (the one path guard both shells share), the
 * app shell for client-side screens, and the CSP on every response.
 */
import { extname, join } from 'node:path';
import { resolveInside } from '../host/storage/pathInside';
import { APP_HOST } from './appUrl';

export interface AppRequestOptions {
  rendererDir: string;
  contentSecurityPolicy: string;
  /** Electron's net.fetch of a file: URL in the app; a plain file read in tests. Rejects when the file is missing. */
  fetchFile: (path: string) => Promise<Response>;
}

export function appRequestHandler(options: AppRequestOptions): (request: Request) => Promise<Response> {
  const securityHeaders = { 'content-security-policy': options.contentSecurityPolicy, 'x-content-type-options': 'nosniff' };
  const notFound = () => new Response('not found', { status: 404, headers: securityHeaders });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: securityHeaders });
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveInside(options.rendererDir, url.pathname) : null;
    if (!file) return notFound();
    // Screens are client-side; anything without an extension is the app shell.
    const target = extname(file) ? file : join(options.rendererDir, 'index.html');
    const response = await options.fetchFile(target).catch(() => null);
    if (!response?.ok) return notFound();
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}
