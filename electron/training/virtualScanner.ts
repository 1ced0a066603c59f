/**
 * Training gives every workstation a scanner to practise on: SANE's own `test` device (a feeder of ten
 * A4 pages), configured in the training data so the machine's SANE setup is left alone. Where SANE is not
 * installed (Windows) the device simply does not appear; eSCL scanners and file import still work.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function virtualScannerEnv(trainingDir: string): Promise<NodeJS.ProcessEnv> {
  const configDir = join(trainingDir, 'sane');
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'dll.conf'), 'test\n');
  // One device with room for A4 and a grid to look at rather than a black page.
  await writeFile(join(configDir, 'test.conf'), ['number_of_devices 1', 'geometry_max 300.0', 'br_x 210.0', 'br_y 297.0', 'test-picture "Grid"', ''].join('\n'));
  return { ...process.env, SANE_CONFIG_DIR: configDir };
}
