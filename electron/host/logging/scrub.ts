/**
 * Keeps personal data out of logs and diagnostics. The main guard is structural: only whitelisted fields
 * (event codes, counts, durations, versions, submission UUIDs) are written. Free text (error messages) is
 * scrubbed as well: digit runs of 10 or more (IIN/BIN are 12, phone numbers 10–11), labelled values
 * ("surname: …", "ИИН=…"), certificate subject attributes (CN=, SURNAME=, G=, SERIALNUMBER=), e-mail addresses,
 * and two or more capitalised Cyrillic words in a row (how names appear in certificates and forms).
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_ONLY = new RegExp(`^${UUID}$`, 'i');
const NOT_WORD = '(?<![\\p{L}\\p{N}_])';
const CYRILLIC_UPPER = 'А-ЯЁӘҒҚҢӨҰҮҺІ';
const CYRILLIC_WORD = `[${CYRILLIC_UPPER}][${CYRILLIC_UPPER}а-яёәғқңөұүһі'-]+`;

const scrubbers: [RegExp, (match: string, ...groups: string[]) => string][] = [
  [new RegExp(`${NOT_WORD}(surname|last ?name|first ?name|given ?name|middle ?name|patronymic|full ?name|name|iin|bin|фамилия|имя|отчество|фио|иин|бин|тегі|аты|әкесінің аты|жсн|бсн)(\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^,;\\n)]+)`, 'giu'), (_m, label: string, sep: string) => `${label}${sep}[redacted]`],
  [new RegExp(`${NOT_WORD}(CN|SURNAME|GIVENNAME|G|SN|SERIALNUMBER|E|EMAILADDRESS|OU|O)=([^,+/\\n]*)`, 'gu'), (_m, attribute: string) => `${attribute}=[redacted]`],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, () => '[email]'],
  // UUIDs (submission ids) are not personal data and may contain 12 digits in a row: keep them whole.
  [new RegExp(`(${UUID})|\\d{10,}`, 'gi'), (_m, uuid?: string) => uuid ?? '[number]'],
  [new RegExp(`${NOT_WORD}${CYRILLIC_WORD}(?:\\s+${CYRILLIC_WORD})+`, 'gu'), () => '[name]'],
];

export function scrubText(text: string, maxLength = 1000): string {
  let out = text;
  for (const [pattern, replacement] of scrubbers) out = out.replace(pattern, replacement);
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}

export type LogValue = string | number | boolean;
export type LogFields = Record<string, LogValue>;

/** The fields a log line or diagnostics entry may carry; anything else is dropped. */
export const LOG_FIELD_NAMES = [
  'code',
  'count',
  'durationMs',
  'attempt',
  'status',
  'state',
  'phase',
  'reason',
  'version',
  'fromVersion',
  'toVersion',
  'catalogVersion',
  'submissionId',
  'percent',
  'bytes',
  'platform',
  'shell',
] as const;
export type LogFieldName = (typeof LOG_FIELD_NAMES)[number];
const allowed = new Set<string>(LOG_FIELD_NAMES);

function scrubValue(name: string, value: unknown): LogValue | undefined {
  if (name === 'submissionId') return typeof value === 'string' && UUID_ONLY.test(value) ? value.toLowerCase() : '[redacted]';
  if (typeof value === 'boolean') return value;
  // An IIN stored as a number is still an IIN.
  if (typeof value === 'number') return Number.isFinite(value) && !/\d{10,}/.test(String(value)) ? value : '[number]';
  if (typeof value === 'string') return scrubText(value, 200);
  return undefined;
}

/** Whitelisted fields only, each value scrubbed; returns how many fields were dropped, so a developer notices. */
export function scrubFields(fields: Readonly<Record<string, unknown>>): { fields: LogFields; dropped: number } {
  const out: LogFields = {};
  let dropped = 0;
  for (const [name, value] of Object.entries(fields)) {
    const clean = allowed.has(name) ? scrubValue(name, value) : undefined;
    if (clean === undefined) dropped++;
    else out[name] = clean;
  }
  return { fields: out, dropped };
}
