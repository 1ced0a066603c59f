/**
 * Who counts as "our page" in the Electron shell. Node's URL gives custom schemes an opaque origin ("null"),
 * so app:// addresses are compared by scheme and host, never by `.origin`.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'qabyl';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Our page, or the host's signing prompt (the only frame the page may load). */
export function isAllowedFrameUrl(url: string, promptOrigin: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    return new URL(url).origin === promptOrigin;
  } catch {
    return false;
  }
}

/** IPC is answered only for our page's top frame: not an iframe, not a page it navigated to. */
export function isTrustedSender(frame: { url: string } | null, mainFrame: unknown): boolean {
  return frame !== null && frame === mainFrame && isAppUrl(frame.url);
}
