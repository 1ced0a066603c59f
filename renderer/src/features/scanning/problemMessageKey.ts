/** `scan.…` and `import.…` problems have their own messages; `host.…` is any host error, said as everywhere else. */
export function problemMessageKey(code: string): string {
  const dot = code.indexOf('.');
  const [room, name] = [code.slice(0, dot), code.slice(dot + 1)];
  return room === 'import' ? `importProblem.${name}` : room === 'scan' ? `scanProblem.${name}` : `errors.${name}`;
}
