import { describe, expect, it } from 'vitest';
import { expectStrictPolicy } from '../../test/support/strictPolicy';
import { contentSecurityPolicy } from './contentSecurityPolicy';

const promptOrigin = 'http://127.0.0.1:4567';

describe('contentSecurityPolicy', () => {
  it('allows only the app’s own scripts and styles, no plugins, no base rewriting, no framing by others', () => {
    expectStrictPolicy(contentSecurityPolicy(promptOrigin), promptOrigin);
  });

  it.each([
    ['eval', "script-src 'self'", "script-src 'self' 'unsafe-eval'"],
    ['inline scripts', "script-src 'self'", "script-src 'self' 'unsafe-inline'"],
    ['a remote script source', "script-src 'self'", "script-src 'self' https://cdn.example"],
    ['plugins', "object-src 'none'", "object-src 'self'"],
    ['framing by others', "frame-ancestors 'none'", "frame-ancestors *"],
  ])('would catch a policy weakened by %s', (_name, from, to) => {
    const policy = contentSecurityPolicy(promptOrigin);
    expect(policy).toContain(from);
    expect(() => expectStrictPolicy(policy.replace(from, to), promptOrigin)).toThrow();
  });
});
