import type { MessageKey } from '../../i18n/i18n';

/** `scan.…` and `import.…` problems have their own messages; `host.…` is any host error, said as everywhere else. */
export function problemMessageKey(code: string): MessageKey {
  const dot = code.indexOf('.');
  const [room, name] = [code.slice(0, dot), code.slice(dot + 1)];
  // The code arrives from the host as text; the three rooms are the ones whose names it takes.
  return (room === 'import' ? `importProblem.${name}` : room === 'scan' ? `scanProblem.${name}` : `errors.${name}`) as MessageKey;
}
