import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDirs } from './sandboxTestKit';

afterEach(removeDataDirs);

describe('sandbox CLI', () => {
  it('prints its URL, serves, and exits 0 on SIGTERM', async () => {
    const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', mainPath, '--port', '0', '--data', await makeDataDir()], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const match = /^Qabyl sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      expect(match, line).not.toBeNull();

      const health = await fetch(`${match?.[1]}/health`);
      expect(health.status).toBe(200);

      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
