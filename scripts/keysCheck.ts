/**
 * `npm run keys:check -- --key FILE.p12 [--password-file F] [--at ISO-TIME] [--profile test|production] [--trust DIR]
 * [--crl FILE…] [--lang kk|ru|en] [--json]`: what the sign dialog would say about a key file, for support staff —
 * algorithm, role, chain, revocation, IIN — and whether it could sign. Exits 0 only when it could, 1 when not.
 * The password comes from --password-file (its first line) or, without it, from the first line of standard input.
 * Revocation is judged from the profile's CRLs and --crl files; none at hand means "could not sign", as the sign
 * dialog says when its CRL cache is empty.
 */
import { parseArgs } from 'node:util';
import { isLanguage } from '../shared/i18n/messages';
import { judgeKeyFile, KEY_FILE_OPTIONS, keyFileQuestion, reportLines } from './keyFileReport';

const USAGE =
  'usage: npm run keys:check -- --key FILE.p12 [--password-file F] [--at ISO-TIME] [--profile test|production] [--trust DIR] [--crl FILE…] [--lang kk|ru|en] [--json]';

const { values } = parseArgs({
  options: {
    ...KEY_FILE_OPTIONS,
    lang: { type: 'string', default: 'ru' },
    json: { type: 'boolean', default: false },
  },
});

const question = isLanguage(values.lang) ? await keyFileQuestion(values, values.lang) : null;
if (!question) {
  console.error(USAGE);
  process.exit(2);
}
const { report } = await judgeKeyFile(question);
console.log(values.json ? JSON.stringify(report, null, 2) : reportLines(report).join('\n'));
process.exitCode = report.canSign ? 0 : 1;
