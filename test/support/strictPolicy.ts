/**
 * The properties the renderer's Content-Security-Policy must have, checked on the policy as a browser would parse
 * it (directive → sources): used on the shared builder and on the headers each shell actually serves.
 */
import { expect } from 'vitest';

export function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

export function expectStrictPolicy(policy: string | null, promptOrigin: string): void {
  expect(policy).toBeTruthy();
  const directives = parsePolicy(policy!);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // Scripts only from the app itself: no eval, no inline code, no remote or data: scripts.
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('style-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('frame-src')).toEqual([promptOrigin, 'blob:']);
  expect(policy).not.toMatch(/unsafe-(eval|inline|hashes)|wasm-unsafe-eval|strict-dynamic|\*/);
}
