/**
 * Test-PKI command line.
 *   tsx sandbox/pki/main.ts --out DIR --iin IIN --surname X --given Y --password P [--patronymic Z] [--org-name N --org-bin BIN] [--algorithm gost2015|rsa]
 *     writes a fresh hierarchy (GOST 2015 by default) and the operator's sign + auth key files, prints their paths.
 *   tsx sandbox/pki/main.ts verify --trust root.pem [--trust intermediate.pem …] signed.xml…
 *     prints one JSON line per file; exit code 1 when any fails.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { writeTrainingKeys, type TestOperator } from './testPki';
import { verifyRequestSignature } from './verifyRequestSignature';

async function generate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      iin: { type: 'string' },
      surname: { type: 'string' },
      given: { type: 'string' },
      patronymic: { type: 'string' },
      password: { type: 'string' },
      'org-name': { type: 'string' },
      'org-bin': { type: 'string' },
      algorithm: { type: 'string' },
    },
  });
  const { out, iin, surname, given, password } = values;
  const algorithm = values.algorithm ?? 'gost2015';
  if (!out || !iin || !surname || !given || !password || (algorithm !== 'gost2015' && algorithm !== 'rsa')) {
    console.error('usage: main.ts --out DIR --iin IIN --surname X --given Y --password P [--patronymic Z] [--org-name N --org-bin BIN] [--algorithm gost2015|rsa]');
    return 2;
  }
  const orgName = values['org-name'];
  const orgBin = values['org-bin'];
  const operator: TestOperator = {
    iin,
    surname,
    givenName: given,
    ...(values.patronymic ? { patronymic: values.patronymic } : {}),
    ...(orgName && orgBin ? { organization: { name: orgName, bin: orgBin } } : {}),
  };
  const { files } = await writeTrainingKeys(out, operator, password, algorithm);
  for (const file of files) console.log(file);
  return 0;
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { trust: { type: 'string', multiple: true } } });
  const anchors = await Promise.all((values.trust ?? []).map((file) => readFile(file, 'utf8')));
  let failures = 0;
  for (const file of positionals) {
    const result = await verifyRequestSignature(await readFile(file, 'utf8'), anchors);
    if (!result.ok) failures += 1;
    console.log(JSON.stringify({ file, ...result }));
  }
  return failures === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
process.exitCode = await (args[0] === 'verify' ? verify(args.slice(1)) : generate(args));
