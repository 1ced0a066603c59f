/**
 * The app is served from app://qabyl/ rather than file://, so it has a real origin, a CSP header, and no
 * access to the rest of the disk (the decisions are in ./appRequestHandler).
 */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appRequestHandler } from './appRequestHandler';
import { APP_SCHEME } from './appUrl';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

export function serveAppScheme(rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, appRequestHandler({ rendererDir, contentSecurityPolicy, fetchFile: (path) => net.fetch(pathToFileURL(path).toString()) }));
}
