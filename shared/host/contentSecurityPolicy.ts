/**
 * The renderer's Content-Security-Policy, the same in Electron and in browser mode: only the app's own scripts
 * and styles, the host's signing prompt as the one foreign frame, and blob: frames for printing the applicant's
 * papers (PDFs the app itself made from the host's store).
 */
export function contentSecurityPolicy(promptOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    `frame-src ${promptOrigin} blob:`,
    "object-src 'none'",
    "base-uri 'none'",
    // No other page may frame ours (clickjacking the operator into signing).
    "frame-ancestors 'none'",
  ].join('; ');
}
