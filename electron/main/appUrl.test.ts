import { describe, expect, it } from 'vitest';
import { isAllowedFrameUrl, isAppUrl, isTrustedSender } from './appUrl';

describe('Electron shell address checks', () => {
  it('recognises app:// pages although Node gives them an opaque origin', () => {
    expect(new URL('app://qabyl/index.html').origin).toBe('null');
    expect(isAppUrl('app://qabyl/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://qabyl/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('lets frames load only our page or the signing prompt', () => {
    expect(isAllowedFrameUrl('http://127.0.0.1:4567/sign/abc', 'http://127.0.0.1:4567')).toBe(true);
    expect(isAllowedFrameUrl('http://127.0.0.1:9999/sign/abc', 'http://127.0.0.1:4567')).toBe(false);
    expect(isAllowedFrameUrl('https://example.com/', 'http://127.0.0.1:4567')).toBe(false);
  });

  it('answers IPC only from the main frame of our page', () => {
    const mainFrame = { url: 'app://qabyl/index.html' };
    expect(isTrustedSender(mainFrame, mainFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://qabyl/index.html' }, mainFrame)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/' } as never, { url: 'https://example.com/' })).toBe(false);
    expect(isTrustedSender(null, mainFrame)).toBe(false);
  });
});
