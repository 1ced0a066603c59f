/**
 * Seed 003: Minister of Energy Order No. 33 of 1 February 2019, which restates four regulations of Order
 * No. 380 of 29 May 2015 (oil & gas / gas supply). Source: seeds/003_ccffacb073082e4f.txt, extraction
 * domain/seed-003.md.
 *
 * Conventions:
 * - `paragraph` "Annex N, п. X.Y" = Order 33 Annex N (the regulation), paragraph X, subparagraph Y).
 *   Annex 1 = Order 380 Annex 1 (flaring), Annex 2 = 380/2 (offshore), Annex 3 = 380/6 (license),
 *   Annex 4 = 380/7 (accreditation).
 * - Every kk text and every `quote` is a verbatim fragment of the seed after whitespace normalisation
 *   (the seed test checks this). The seed is Kazakh only, so ru/en are our translations.
 * - The seed names no ЦОН/ХҚКО and no provider office: all four services are portal-only.
 * - Steps follow п. 5 (п. 8 repeats it). Where the seed puts several actors under one window ("алты сағат
 *   ішінде: A ...; B ..."), each actor's step carries that window and follows the same step (`after`): they
 *   run in parallel, each within it. The refusal of further consideration is the `returned` branch; the
 *   re-issue grounds' two procedures are paths by ground (`on.grounds`).
 * - Hours are working hours: every regulation caps the same procedures in working days («… жұмыс күнінен
 *   аспайды»), so its hour windows are hours of those days.
 * - The first stage (registration to the completeness check and the refusal of further consideration) is capped
 *   at 2 working days from applying on the portal in each regulation: a `limit` on those steps.
 */
import type { z } from 'zod';
import type { serviceSchema } from '../catalogSchema';

type ServiceInput = z.input<typeof serviceSchema>;
type KindInput = ServiceInput['kinds'][number];
type StepInput = KindInput['steps'][number];
type SourceInput = ServiceInput['source'];
type LocalizedInput = ServiceInput['name'];
type DurationInput = NonNullable<StepInput['duration']>;
type DurationUnit = DurationInput['unit'];

const src = (paragraph: string, quote?: string): SourceInput =>
  quote === undefined ? { seed: 'seed-003', paragraph } : { seed: 'seed-003', paragraph, quote };

const t = (kk: string, ru: string, en: string): LocalizedInput => ({ kk, ru, en });

const dur = (amount: number, unit: DurationUnit, paragraph: string, quote: string): DurationInput => ({
  amount,
  unit,
  source: src(paragraph, quote),
});

type StepGraph = Pick<StepInput, 'after' | 'on' | 'limit'>;

const step = (
  id: string,
  actor: LocalizedInput,
  action: LocalizedInput,
  duration: DurationInput | null,
  paragraph: string,
  graph: StepGraph = {},
): StepInput => ({ id, actor, action, duration, ...graph, source: src(paragraph) });

/** The first-stage cap each regulation states (the paragraph differs; the words are the same in all four). */
const firstStageLimit = (paragraph: string): DurationInput => dur(2, 'workingDays', paragraph, 'портал арқылы жүгінген сәттен бастап екі жұмыс күнінен аспайды');

// Actors. kk as the п. 7 lists (or the step text) spell them in the annex concerned.
const headOfDepartment = t('басқарма басшысы', 'руководитель управления', 'head of department');
const executor = t('орындаушы', 'исполнитель', 'executor');
const management = t('көрсетілетін қызметті берушінің басшылығы', 'руководство услугодателя', "provider's management");
// The deputy head agrees every draft although no п. 7 list names him (extraction §6 item 4).
const agreeingPair = t(
  'басқарма басшысы және көрсетілетін қызметті беруші басшысының орынбасары',
  'руководитель управления и заместитель руководителя услугодателя',
  "head of department and deputy head of the provider",
);

const legalBasis: ServiceInput['legalBasis'] = {
  act: t(
    'Қазақстан Республикасы Энергетика министрінің 2019 жылғы 1 ақпандағы № 33 бұйрығы',
    'Приказ Министра энергетики Республики Казахстан от 1 февраля 2019 года № 33 «О внесении изменений в приказ исполняющего обязанности Министра энергетики Республики Казахстан от 29 мая 2015 года № 380»',
    'Order No. 33 of the Minister of Energy of the Republic of Kazakhstan of 1 February 2019 "On amending Order No. 380 of the Acting Minister of Energy of 29 May 2015"',
  ),
  number: '33',
  date: '2019-02-01',
  registration: { number: '18274', date: '2019-02-07' },
  repealedBy:
    'Order No. 139 of the Minister of Energy of RK of 10 April 2020 (in force 21 calendar days after its first official publication; publication date not in the seed)',
  source: src(
    'header of the order',
    'Қазақстан Республикасының Әділет министрлігінде 2019 жылғы 7 ақпанда № 18274 болып тіркелді. Күші жойылды - Қазақстан Республикасы Энергетика министрінің 2020 жылғы 10 сәуірдегі № 139 бұйрығымен',
  ),
};

const provider = t('Қазақстан Республикасы Энергетика министрлігі', 'Министерство энергетики Республики Казахстан', 'Ministry of Energy of the Republic of Kazakhstan');

/** One portal, two addresses (п. 1 of every annex). The source spells "elіcense" with Cyrillic і (U+0456). */
const channels = (annex: number, quote: string, extraNote = ''): ServiceInput['channels'] => [
  {
    kind: 'portal',
    note: `www.egov.kz — the seed's «"электрондық үкімет" веб-порталы»; applications in and results out only here (form: electronic, fully automated).${extraNote}`,
    source: src(`Annex ${annex}, п. 1`, quote),
  },
  {
    kind: 'eLicensingPortal',
    note: 'www.elicense.kz (stored in ASCII; the source has Cyrillic і, U+0456). The seed lists it as a second address of the same e-government portal and never says «Е-лицензиялау».',
    source: src(`Annex ${annex}, п. 1`, quote),
  },
];

/** Who applies (the portal's 1-шарт logs in by IIN or BIN) and the service form (п. 2) of each regulation. */
const recipientsAndForm = (annex: number, formQuote: string): Pick<ServiceInput, 'recipients' | 'form'> => ({
  recipients: {
    kinds: ['individual', 'legalEntity'],
    source: src(`Annex ${annex}, п. 10.3 (1-шарт)`, 'жеке сәйкестендіру нөмірі (бұдан әрі – ЖСН) немесе бизнес-сәйкестендіру нөмірі'),
  },
  form: { electronic: true, paper: false, automation: 'full', source: src(`Annex ${annex}, п. 2`, formQuote) },
});

const standardDocumentsNote =
  'The seed defers the document list to para 9 of the Standard (Order No. 132 of 23.02.2015, reg. No. 11279), which is not included; the documents are therefore not itemised.';

/** Application + "documents per para 9 of the Standard": what every annex's п. 4–5 names. */
const baseChecklist = (annex: number, documentsQuote: string, documentsParagraph: string): KindInput['checklist'] => [
  {
    id: 'application',
    kind: 'application',
    name: t('өтініш', 'Заявление', 'Application'),
    required: true,
    note: 'In the form set by the Standard (not included); filled in on the portal and signed with the applicant\'s EDS.',
    source: src(`Annex ${annex}, п. 4`, '(бұдан әрі – өтініш)'),
  },
  {
    id: 'standard-documents',
    kind: 'standardDocuments',
    name: t('қоса тіркелген құжаттары', 'Прилагаемые документы (по пункту 9 Стандарта)', 'Attached documents (per para 9 of the Standard)'),
    required: true,
    note: standardDocumentsNote,
    source: src(documentsParagraph, documentsQuote),
  },
];

/** Portal-level refusals (п. 10 of annexes 1, 2, 4 use the same words). */
const portalRefusals = (annex: number): ServiceInput['refusals'] => [
  {
    id: 'portal-authorization-refused',
    name: t(
      'порталдың авторизациялаудан бас тарту туралы хабарламаны',
      'Сообщение портала об отказе в авторизации',
      'Portal message refusing authorization',
    ),
    source: src(`Annex ${annex}, п. 10.4`),
  },
  {
    id: 'portal-eds-not-confirmed',
    name: t(
      'ЭЦҚ-сының дұрыстығы расталмауына байланысты сұратылған қызметтен бас тарту туралы хабарламаны',
      'Сообщение об отказе в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП',
      'Message refusing the service because the EDS was not confirmed',
    ),
    source: src(`Annex ${annex}, п. 10.8`),
  },
  {
    id: 'portal-data-violation',
    name: t(
      'бұзушылықтардың болуына байланысты сұратылған қызметінен бас тарту туралы хабарламаны',
      'Сообщение об отказе в запрашиваемой услуге в связи с нарушениями в данных услугополучателя',
      "Message refusing the service because of violations in the applicant's data",
    ),
    source: src(`Annex ${annex}, п. 10.12`),
  },
];

const refusalOfFurtherConsideration = (annex: number): ServiceInput['refusals'][number] => ({
  id: 'refusal-of-further-consideration',
  name: t(
    'өтінішті одан әрі қараудан дәлелді бас тарту',
    'Мотивированный отказ в дальнейшем рассмотрении заявления',
    'Reasoned refusal of further consideration of the application',
  ),
  source: src(`Annex ${annex}, п. 6.3`),
});

/**
 * Registration, naming the executor (6 h), completeness check (12 h) and the refusal-of-further-consideration
 * branch (6 h). Identical in all four annexes except for wording, passed in as `kk`.
 * The seed caps this stage at 2 working days from applying via the portal (no schema field for it).
 */
const intakeSteps = (
  annex: number,
  kk: { employee: string; register: string; assign: string; completeness: string; refusalAgree: string },
  limitParagraph: string,
): StepInput[] => {
  const limit = firstStageLimit(limitParagraph);
  const returned = { outcomes: ['returned' as const] };
  return [
  step(
    'register',
    t(kk.employee, 'работник услугодателя', "provider's employee"),
    t(kk.register, 'Регистрирует поступившее через портал заявление и передаёт руководству', 'Registers the application received via the portal and passes it to management'),
    null, // «өтініш түскен күні»: on the day of receipt — a point in time, not an amount.
    `Annex ${annex}, п. 5.1`,
  ),
  step(
    'assign-by-management',
    management,
    t(kk.assign, 'Определяет ответственного руководителя управления или ответственного работника (исполнителя)', 'Names the responsible head of department or responsible worker (executor)'),
    dur(6, 'workingHours', `Annex ${annex}, п. 5.2`, 'алты сағат ішінде'),
    `Annex ${annex}, п. 5.2`,
    { limit },
  ),
  step(
    'assign-by-head',
    headOfDepartment,
    t('басқарма басшысының орындаушыны анықтауы', 'Руководитель управления определяет исполнителя', 'Head of department names the executor'),
    dur(6, 'workingHours', `Annex ${annex}, п. 5.2`, 'алты сағат ішінде'),
    `Annex ${annex}, п. 5.2`,
    { after: ['register'], limit },
  ),
  step(
    'completeness-check',
    executor,
    t(kk.completeness, 'Проверяет полноту по перечню пункта 9 Стандарта; при неполноте готовит проект мотивированного отказа в дальнейшем рассмотрении', 'Checks completeness against the para 9 list of the Standard; if incomplete, drafts a reasoned refusal of further consideration'),
    dur(12, 'workingHours', `Annex ${annex}, п. 5.3`, 'он екі сағаттың ішінде'),
    `Annex ${annex}, п. 5.3`,
    { after: ['assign-by-management', 'assign-by-head'], limit },
  ),
  step(
    'incomplete-agree',
    agreeingPair,
    t(kk.refusalAgree, 'Согласовывают проект мотивированного отказа в дальнейшем рассмотрении', 'Agree the draft reasoned refusal of further consideration'),
    dur(6, 'workingHours', `Annex ${annex}, п. 5.3`, 'алты сағаттың ішінде'),
    `Annex ${annex}, п. 5.3`,
    { on: returned, limit },
  ),
  step(
    'incomplete-sign',
    management,
    t('өтінішті одан әрі қараудан дәлелді бас тартуға қол қояды', 'Подписывает мотивированный отказ в дальнейшем рассмотрении', 'Signs the reasoned refusal of further consideration'),
    dur(6, 'workingHours', `Annex ${annex}, п. 5.3`, 'алты сағаттың ішінде'),
    `Annex ${annex}, п. 5.3`,
    { after: ['completeness-check'], on: returned, limit },
  ),
  ];
};

/**
 * Preventive control (annexes 3 and 4): request (within the first 2 WD), agreement and signing (4 h), the
 * territorial subdivision (TS) or a provider employee checks (9 WD / 9 days), analysis (3 WD), draft (1 WD),
 * agreement and signing (6 h). 2 + 9 + 3 + 1 = the 15-WD cap.
 */
const preventiveControlSteps = (
  annex: number,
  p: string, // paragraph prefix, e.g. 'п. 5' or 'п. 5 (re-issuance)'
  kk: {
    request: string;
    requestWindow: string;
    requestAgree: string;
    draft: string;
    finalAgree: string;
    finalSign: string;
    finalWindow: string;
    requestParagraph: string;
    tsParagraph: string;
    analysisParagraph: string;
  },
  signer: LocalizedInput,
  /** The re-issue path these steps are on (spin-off/division), or none for issuance. */
  path: { prefix: string; on: StepInput['on'] } = { prefix: '', on: undefined },
): StepInput[] => {
  const { prefix, on } = path;
  const id = (name: string) => `${prefix}${name}`;
  const graph = (extra: StepGraph = {}): StepGraph => (on ? { ...extra, on: { ...on, ...extra.on } } : extra);
  return [
  step(
    id('control-request'),
    executor,
    t(kk.request, 'Готовит запрос на проведение профилактического контроля', 'Prepares the request for preventive control'),
    null,
    `Annex ${annex}, ${p}${kk.requestParagraph}`,
    // «көрсетілген екі жұмыс күннің ішінде» ("within the said two working days"): the first stage's window, counted
    // from applying (only then do the steps add up to 15 WD), not 2 more days. The spin-off path's «көрсетілген
    // мерзім ішінде» is its completeness check's window, which the step follows.
    graph(prefix === '' ? { limit: dur(2, 'workingDays', `Annex ${annex}, ${p}${kk.requestParagraph}`, kk.requestWindow) } : {}),
  ),
  step(
    id('control-request-agree'),
    agreeingPair,
    t(kk.requestAgree, 'Согласовывают запрос', 'Agree the request'),
    dur(4, 'workingHours', `Annex ${annex}, ${p}${kk.requestParagraph}`, 'төрт сағаттың ішінде'),
    `Annex ${annex}, ${p}${kk.requestParagraph}`,
    graph(),
  ),
  step(
    id('control-request-sign'),
    management,
    t('тексеру үшін сұрауға қол қояды', 'Подписывает запрос для проверки территориальным подразделением или работником услугодателя', 'Signs the request for a check by the territorial subdivision or a provider employee'),
    dur(4, 'workingHours', `Annex ${annex}, ${p}${kk.requestParagraph}`, 'төрт сағаттың ішінде'),
    `Annex ${annex}, ${p}${kk.requestParagraph}`,
    graph({ after: [id('control-request')] }),
  ),
  step(
    id('ts-head-review'),
    t('аумақтық бөлімшенің басшысы', 'руководитель территориального подразделения', 'head of the territorial subdivision'),
    t('сұраудың мазмұнымен танысып, аумақтық бөлімшенің жауапты орындаушысын тағайындайды', 'Знакомится с запросом и назначает ответственного исполнителя территориального подразделения', 'Reviews the request and appoints the responsible TS executor'),
    dur(4, 'workingHours', `Annex ${annex}, ${p}${kk.tsParagraph}`, 'төрт сағат ішінде'),
    `Annex ${annex}, ${p}${kk.tsParagraph}`,
    graph({ after: [id('control-request-agree'), id('control-request-sign')] }),
  ),
  step(
    id('ts-conclusion'),
    t('аумақтық бөлімшенің қызметкері', 'работник территориального подразделения', 'employee of the territorial subdivision'),
    t(
      'аумақтық бөлімше қызметкері және көрсетілетін қызметті алушы қол қойған оң немесе теріс қортындыны әзірлейді',
      'Составляет положительное или отрицательное заключение, подписанное работником ТП и услугополучателем; заключение удостоверяется ЭЦП руководителя ТП',
      "Draws up a positive or negative conclusion signed by the TS employee and the applicant; issued as an e-document certified by the TS head's EDS",
    ),
    dur(9, 'workingDays', `Annex ${annex}, ${p}${kk.tsParagraph}`, 'сұрау келіп түскен сәттен бастап тоғыз жұмыс күні ішінде'),
    `Annex ${annex}, ${p}${kk.tsParagraph}`,
    graph(),
  ),
  step(
    id('provider-employee-conclusion'),
    t('көрсетілетін қызметті берушінің жұмыскері', 'работник услугодателя', "provider's employee"),
    t(
      'көрсетілетін қызметті берушінің жұмыскері және көрсетілетін қызметті алушы қол қойған оң немесе теріс қортындысын әзірлейді',
      'Если проверку проводит работник услугодателя: составляет заключение, подписанное им и услугополучателем',
      'If a provider employee does the check instead of the TS: draws up the conclusion, signed by that employee and the applicant',
    ),
    // The seed says «тоғыз күннің ішінде» — "nine days", without "working" (the TS path says working days).
    // Recorded literally as calendar days; the schema has no unit for an unqualified "day".
    dur(9, 'calendarDays', `Annex ${annex}, ${p}${kk.tsParagraph}`, 'тоғыз күннің ішінде'),
    `Annex ${annex}, ${p}${kk.tsParagraph}`,
    graph({ after: [id('control-request-agree'), id('control-request-sign')], on: { insteadOf: id('ts-conclusion') } }),
  ),
  step(
    id('conclusion-analysis'),
    executor,
    t('қортындыға талдау жүргізеді', 'Анализирует заключение', 'Analyses the conclusion'),
    dur(3, 'workingDays', `Annex ${annex}, ${p}${kk.analysisParagraph}`, 'келіп түскен сәттен бастап үш жұмыс күні ішінде'),
    `Annex ${annex}, ${p}${kk.analysisParagraph}`,
    graph({ after: [id('ts-conclusion'), id('provider-employee-conclusion')] }),
  ),
  step(
    id('draft-result'),
    executor,
    t(kk.draft, 'Готовит проект результата или проект мотивированного отказа', 'Prepares the draft result or a draft reasoned refusal'),
    dur(1, 'workingDays', `Annex ${annex}, ${p}${kk.analysisParagraph}`, 'бір жұмыс күні ішінде'),
    `Annex ${annex}, ${p}${kk.analysisParagraph}`,
    graph(),
  ),
  step(
    id('final-agree'),
    agreeingPair,
    t(kk.finalAgree, 'Согласовывают проект результата или отказа', 'Agree the draft result or refusal'),
    dur(6, 'workingHours', `Annex ${annex}, ${p}${kk.analysisParagraph}`, kk.finalWindow),
    `Annex ${annex}, ${p}${kk.analysisParagraph}`,
    graph(),
  ),
  step(
    id('final-sign'),
    signer,
    t(kk.finalSign, 'Подписывает результат или мотивированный отказ', 'Signs the result or the reasoned refusal'),
    dur(6, 'workingHours', `Annex ${annex}, ${p}${kk.analysisParagraph}`, kk.finalWindow),
    `Annex ${annex}, ${p}${kk.analysisParagraph}`,
    graph({ after: [id('draft-result')] }),
  ),
];
};

// ---------------------------------------------------------------------------------------------------------
// Annex 1: raw-gas flaring permit. Kind 'permit': the seed's wording is «рұқсат беру» and the result «рұқсат».

const flaringPermitSteps: StepInput[] = [
  ...intakeSteps(1, {
    employee: 'көрсетілетін қызметті берушінің қызметкері',
    register: 'өтініш түскен күні тіркеуі',
    assign: 'басқарманың жауапты басшысын немесе жауапты жұмыскерді',
    completeness: 'тізбеге сәйкес толықтығын қарауы',
    refusalAgree: 'өтінішті одан әрі қараудан дәлелді бас тарту жобасын келіседі',
  }, 'Annex 1, п. 5.3 closing sentence'),
  step(
    'substantive-check',
    executor,
    t(
      'ұсынылған мәліметтердің анықтығын тексереді',
      'Проверяет достоверность сведений и их соответствие требованиям НПА; готовит проект разрешения или проект мотивированного отказа',
      'Checks the information is reliable and meets the requirements of normative legal acts; prepares a draft permit or a draft reasoned refusal',
    ),
    dur(6, 'workingDays', 'Annex 1, п. 5.4', 'келесі алты жұмыс күнінің ішінде'),
    'Annex 1, п. 5.4',
  ),
  step(
    'final-agree',
    agreeingPair,
    t('рұқсат жобасын немесе мемлекеттік қызметті көрсетуге дәлелді бас тарту жобасын келіседі', 'Согласовывают проект разрешения или проект мотивированного отказа', 'Agree the draft permit or the draft reasoned refusal'),
    dur(6, 'workingHours', 'Annex 1, п. 5.4', 'алты сағаттың ішіде'), // sic: «ішіде» is the seed's typo
    'Annex 1, п. 5.4',
  ),
  step(
    'final-sign',
    // п. 5.4 says management; п. 8.4 says «көрсетілетін қызметті берушінің басшысы» (head of the provider).
    management,
    t('рұқсатқа немесе мемлекеттік қызметті көрсетуге дәлелді бас тартуға', 'Подписывает разрешение или мотивированный отказ', 'Signs the permit or the reasoned refusal'),
    dur(6, 'workingHours', 'Annex 1, п. 5.4', 'алты сағаттың ішіде'),
    'Annex 1, п. 5.4',
    { after: ['substantive-check'] },
  ),
];

const flaringPermit: ServiceInput = {
  id: 'seed003.raw-gas-flaring-permit',
  availability: 'available',
  name: t('Шикі газды алау етіп жағуға рұқсат беру', 'Выдача разрешения на сжигание сырого газа в факелах', 'Issuance of a permit for flaring raw gas'),
  provider,
  ...recipientsAndForm(1, 'электрондық (толықтай автоматтандырылған)'),
  legalBasis: { ...legalBasis, source: { ...legalBasis.source, paragraph: 'header of the order; Annex 1 (= Order 380 Annex 1)' } },
  channels: channels(1, 'www.egov.kz, www.elіcense.kz "электрондық үкімет" веб-порталы (бұдан әрі – портал) арқылы жүзеге асырылады'),
  kinds: [
    {
      id: 'permit',
      name: t('рұқсат беру', 'Выдача разрешения', 'Issuance of the permit'),
      resultCap: dur(8, 'workingDays', 'Annex 1, п. 5.4', 'портал арқылы жүгінген сәттен бастап сегіз жұмыс күнінен аспайды'),
      steps: flaringPermitSteps,
      checklist: baseChecklist(1, 'Стандарттың көрсетілген 9-тармағында тізбеге сәйкес толықтығын', 'Annex 1, п. 4, п. 5.3'),
      source: src('Annex 1, п. 1, п. 5'),
    },
  ],
  results: [
    {
      id: 'permit',
      name: t('шикі газды алау етіп жағуға рұқсат', 'Разрешение на сжигание сырого газа в факелах', 'Permit for flaring raw gas'),
      source: src('Annex 1, п. 3', 'Мемлекеттік қызметті көрсету нәтижесі – шикі газды алау етіп жағуға рұқсат'),
    },
  ],
  refusals: [
    {
      id: 'reasoned-refusal',
      name: t('мемлекеттік қызметті көрсетуден бас тарту туралы дәлелді жауап', 'Мотивированный ответ об отказе в оказании государственной услуги', 'Reasoned response refusing the state service'),
      source: src('Annex 1, п. 3, п. 5.4'),
    },
    refusalOfFurtherConsideration(1),
    ...portalRefusals(1),
  ],
  payment: {
    rule: 'notStated',
    note: 'Annex 1 says nothing about payment (no fee, gateway, receipt, nor that the service is free).',
    source: src('Annex 1 (whole text)'),
  },
  source: src('Annex 1, п. 1', '"Шикі газды алау етіп жағуға рұқсат беру" мемлекеттік қызметін'),
};

// ---------------------------------------------------------------------------------------------------------
// Annex 2: offshore objects permit. Kind 'permit' for the same reason as Annex 1.

/** Annex 2 caps subparas 1)–4), the state bodies' request included, at 2 working days from applying. */
const offshoreFirstStage = firstStageLimit('Annex 2, п. 5.4 closing sentence');

const offshorePermitSteps: StepInput[] = [
  ...intakeSteps(2, {
    employee: 'көрсетілетін қызметті беруші қызметкері',
    register: 'өтініш түскен күні тіркеуі',
    assign: 'басқарманың жауапты басшысын немесе жауапты қызметкерді',
    // The offshore check also covers the reliability of the data, not only completeness.
    completeness: 'өтініштегі деректердің анықтығын (мәліметтер), сондай-ақ',
    refusalAgree: 'өтінішті одан әрі қараудан дәлелді бас тарту жобасын келіседі',
  }, 'Annex 2, п. 5.4 closing sentence'),
  step(
    'state-bodies-request',
    executor,
    t('өтінішті рұқсат жобасымен қоса', 'Готовит заявление вместе с проектом разрешения (запрос) на согласование в государственные органы', 'Prepares the application with the draft permit (the request) for approval by the state bodies'),
    // «көрсетілген уақыттың ішінде» ("within the indicated time") is not defined further; it falls inside the
    // 2-WD cap on п. 5.1–5.4.
    null,
    'Annex 2, п. 5.4, п. 8.4',
    { limit: offshoreFirstStage },
  ),
  step(
    'state-bodies-request-agree',
    agreeingPair,
    t('сұраумен келіседі', 'Согласовывают запрос', 'Agree the request'),
    dur(4, 'workingHours', 'Annex 2, п. 5.4', 'төрт сағаттың ішінде'),
    'Annex 2, п. 5.4',
    { limit: offshoreFirstStage },
  ),
  step(
    'state-bodies-request-sign',
    management,
    t('сұрауға қол қояды', 'Подписывает запрос', 'Signs the request'),
    dur(4, 'workingHours', 'Annex 2, п. 5.4', 'төрт сағаттың ішінде'),
    'Annex 2, п. 5.4',
    { after: ['state-bodies-request'], limit: offshoreFirstStage },
  ),
  step(
    'state-bodies-answer',
    // Defence; State Border protection; water fund, water supply and disposal; wildlife (п. 5.4).
    t('мемлекеттік органдар', 'государственные органы (уполномоченные органы в сферах обороны, охраны Государственной границы, водного фонда, животного мира)', 'state bodies (authorised bodies for defence, State Border protection, water fund, wildlife)'),
    t('келісуші мемлекеттік органдардан оң немесе теріс жауапты алу', 'Получение положительного или отрицательного ответа согласующих государственных органов', 'A positive or negative answer is obtained from the approving state bodies'),
    dur(7, 'workingDays', 'Annex 2, п. 5.5', 'сұрау келіп түскен сәттен бастап жеті жұмыс күні ішінде'),
    'Annex 2, п. 5.5',
    { after: ['state-bodies-request-agree', 'state-bodies-request-sign'] },
  ),
  step(
    'answers-analysis',
    executor,
    t('мемлекеттік органдардың жауаптарына талдау жүргізеді', 'Анализирует ответы государственных органов и готовит проект разрешения или проект мотивированного отказа', 'Analyses the state bodies\' answers and prepares a draft permit or a draft reasoned refusal'),
    dur(4, 'workingDays', 'Annex 2, п. 5.6', 'орындаушы төрт жұмыс күні ішінде'),
    'Annex 2, п. 5.6',
  ),
  step(
    'final-agree',
    agreeingPair,
    t('рұқсат жобасы немесе мемлекеттік көрсетілетін қызметке дәлелді бас тарту жобасын келіседі', 'Согласовывают проект разрешения или проект мотивированного отказа', 'Agree the draft permit or the draft reasoned refusal'),
    dur(6, 'workingHours', 'Annex 2, п. 5.6', 'алты сағаттың ішінде'),
    'Annex 2, п. 5.6',
  ),
  step(
    'final-sign',
    management,
    t('рұқсатқа немесе мемлекеттік қызметті көрсетуге дәлелді бас тартуға қол қояды', 'Подписывает разрешение или мотивированный отказ', 'Signs the permit or the reasoned refusal'),
    dur(6, 'workingHours', 'Annex 2, п. 5.6', 'алты сағаттың ішінде'),
    'Annex 2, п. 5.6',
    { after: ['answers-analysis'] },
  ),
];

const offshorePermit: ServiceInput = {
  id: 'seed003.offshore-objects-permit',
  availability: 'available',
  name: t(
    'Теңіздегі объектілерді құруға және орналастыруға рұқсат беру',
    'Выдача разрешения на создание и размещение морских объектов',
    'Issuance of a permit for the creation and placement of offshore objects',
  ),
  provider,
  ...recipientsAndForm(2, 'электрондық (толықтай автоматтандырылған)'),
  legalBasis: { ...legalBasis, source: { ...legalBasis.source, paragraph: 'header of the order; Annex 2 (= Order 380 Annex 2)' } },
  channels: channels(2, 'www.egov.kz, www.elіcense.kz "электрондық үкімет" веб-порталы (бұдан әрі – портал) арқылы жүзеге асырылады'),
  kinds: [
    {
      id: 'permit',
      name: t('рұқсат беру', 'Выдача разрешения', 'Issuance of the permit'),
      resultCap: dur(13, 'workingDays', 'Annex 2, п. 5.6', 'портал арқылы жүгінген сәттен бастап он үш жұмыс күнінен аспайды'),
      steps: offshorePermitSteps,
      checklist: baseChecklist(2, 'Стандарттың көрсетілген тізбеге 9-тармағында сәйкестігін', 'Annex 2, п. 4, п. 5.3'),
      source: src('Annex 2, п. 1, п. 5'),
    },
  ],
  results: [
    {
      id: 'permit',
      // «құрауға» is the seed's typo for «құруға»; kept verbatim.
      name: t('теңіз объектілерін құрауға және орналастыруға рұқсат', 'Разрешение на создание и размещение морских объектов', 'Permit to create and place offshore objects'),
      source: src('Annex 2, п. 3', 'теңіз объектілерін құрауға және орналастыруға рұқсат (бұдан әрі – рұқсат)'),
    },
  ],
  refusals: [
    {
      id: 'reasoned-refusal',
      name: t('мемлекеттік қызметті көрсетуден бас тарту туралы дәлелді жауап', 'Мотивированный ответ об отказе в оказании государственной услуги', 'Reasoned response refusing the state service'),
      source: src('Annex 2, п. 3, п. 5.6'),
    },
    refusalOfFurtherConsideration(2),
    ...portalRefusals(2),
  ],
  payment: {
    rule: 'notStated',
    note: 'Annex 2 says nothing about payment.',
    source: src('Annex 2 (whole text)'),
  },
  source: src('Annex 2, п. 1', '"Теңіздегі объектілерді құруға және орналастыруға рұқсат беру" мемлекеттік қызметін'),
};

// ---------------------------------------------------------------------------------------------------------
// Annex 3: the hydrocarbon / petrochemical / pipeline license. Kinds 'issue' (license and/or annex — the
// seed runs both on one path, so there is no separate 'annex' kind; it provides no duplicate) and 'reissue'.

const licenseName =
  'Көмірсутектер саласындағы тау-кен өндірістерін (көмірсутектер), мұнай-химия өндірістерін жобалауға (технологиялық) және (немесе) пайдалануға, магистральдық газ құбырларын, мұнай құбырларын, мұнай өнімдері құбырларын пайдалануға арналған лицензия';

const headOfProvider = t('көрсетілетін қызметті берушінің басшысы', 'руководитель услугодателя', 'head of the provider');

const licenseIssueSteps: StepInput[] = [
  ...intakeSteps(3, {
    employee: 'көрсетілетін қызметті беруші қызметкері',
    register: 'өтініш түскен күні тіркеуі',
    assign: 'басқарманың жауапты басшысын немесе жауапты жұмыскерді',
    completeness: 'ұсынылған құжаттардың және мәліметтердің толықтығын қарауы',
    refusalAgree: 'өтінішті одан әрі қараудан дәлелді бас тарту жобасын келіседі',
  }, 'Annex 3, п. 5 (issuance) subpara 3) closing sentence'),
  ...preventiveControlSteps(
    3,
    'п. 5 (issuance) ',
    {
      request: 'профилактикалық бақылауын жүзеге асыруға сұрау',
      requestWindow: 'көрсетілген екі жұмыс күннің ішінде',
      requestAgree: 'сұраумен келіседі',
      draft: 'лицензияның және (немесе) лицензияға қосымшаның жобасын немесе мемлекеттік көрсетілетін қызметке дәлелді бас тарту жобасын дайындайды',
      finalAgree: 'лицензияның және (немесе) лицензияға қосымшаның жобасын немесе мемлекеттік көрсетілетін қызметтен дәлелді бас тарту жобасын келіседі',
      finalSign: 'лицензияға және (немесе) лицензияға қосымшаға немесе мемлекеттік көрсетілетін қызметке дәлелді бас тартуға қол қояды',
      finalWindow: 'алты сағат ішінде',
      requestParagraph: 'subpara 4)',
      tsParagraph: 'subpara 5)',
      analysisParagraph: 'subpara 6)',
    },
    // п. 5.6 names the head of the provider as signatory; п. 8.6 says management.
    headOfProvider,
  ),
];

/** Re-issuance grounds, п. 5 (re-issuance) subparas 3) and 4). The sixth takes the 15-WD path. */
const licenseReissueGrounds: KindInput['grounds'] = [
  {
    id: 'entrepreneur-reregistered-or-name-or-address-changed',
    name: t(
      'жеке кәсіпкер-лицензиат қайта тіркелген, оның атауы немесе заңды мекенжайы өзгергенде',
      'Перерегистрация индивидуального предпринимателя-лицензиата, изменение его наименования или юридического адреса',
      'The individual-entrepreneur licensee is re-registered, or its name or legal address changes',
    ),
    source: src('Annex 3, п. 5 (re-issuance) subpara 3)'),
  },
  {
    id: 'legal-entity-name-or-location-changed',
    name: t(
      'заңды тұлға-лицензиаттың атауы және (немесе) орналасқан жері өзгерген',
      'Изменение наименования и (или) местонахождения юридического лица-лицензиата',
      "The legal-entity licensee's name and/or location changes",
    ),
    source: src('Annex 3, п. 5 (re-issuance) subpara 3)'),
  },
  {
    id: 'object-address-changed-without-relocation',
    name: t(
      '"объектілерге берілетін рұқсаттар" сыныбы бойынша берілген лицензия үшін немесе лицензияға қосымшалар үшін объектілерді көрсете отырып, объект нақты көшірілмей оның орналасқан жерінің мекенжайы өзгергенде',
      'Изменение адреса места нахождения объекта без его фактического перемещения — для лицензии по классу «разрешения, выдаваемые на объекты» или приложений к лицензии с указанием объектов',
      'For a license of the class "permits issued for objects", or annexes listing objects: the object\'s address changes without the object actually moving',
    ),
    source: src('Annex 3, п. 5 (re-issuance) subpara 3)'),
  },
  {
    id: 'reorganisation-merger-transformation-accession',
    name: t(
      'заңды тұлға-лицензиатты бірігу нысанында, қайта құру, заңды тұлға-лицензиатты басқа заңды тұлғамен қосылу нысанында қайта ұйымдастыру кезінде',
      'Реорганизация юридического лица-лицензиата в форме слияния, преобразования, присоединения к другому юридическому лицу',
      'Reorganisation of the legal-entity licensee by merger, transformation, or accession to another legal entity',
    ),
    source: src('Annex 3, п. 5 (re-issuance) subpara 3)'),
  },
  {
    id: 'activity-type-or-subtype-name-changed',
    name: t(
      'қызмет түрінің және (немесе) кіші түрінің атауы өзгергенде',
      'Изменение наименования вида и (или) подвида деятельности',
      'The name of the type and/or subtype of activity changes',
    ),
    source: src('Annex 3, п. 5 (re-issuance) subpara 3)'),
  },
  {
    // Not a simple ground: its own path with preventive control, capped at 15 WD (not 3).
    id: 'spin-off-or-division',
    name: t(
      'заңды тұлға-лицензиатты бөліп шығару және бөліну нысанында қайта ұйымдастыру кезінде',
      'Реорганизация юридического лица-лицензиата в форме выделения и разделения (отдельный порядок, до 15 рабочих дней)',
      'Reorganisation of the legal-entity licensee by spin-off or division (separate path, up to 15 working days)',
    ),
    resultCap: {
      amount: 15,
      unit: 'workingDays',
      source: src(
        'Annex 3, п. 5 (re-issuance) subpara 4) closing sentence',
        'Заңды тұлға-лицензиатты бөліп шығару және бөліну нысанында қайта ұйымдастыру кезінде ресімдердің орындалу ұзақтығы портал арқылы жүгінген сәттен бастап он бес жұмыс күнінен аспайды',
      ),
    },
    source: src('Annex 3, п. 5 (re-issuance) subpara 4)', 'заңды тұлға-лицензиатты бөліп шығару және бөліну нысанында қайта ұйымдастыру кезінде'),
  },
];

/** Subpara 3)'s five grounds share one procedure; subpara 4)'s spin-off/division has its own. */
const simpleGrounds = { grounds: licenseReissueGrounds.map((ground) => ground.id).filter((id) => id !== 'spin-off-or-division') };
const spinOff = { grounds: ['spin-off-or-division'] };

const licenseReissueSteps: StepInput[] = [
  step(
    'register',
    t('көрсетілетін қызметті беруші қызметкері', 'работник услугодателя', "provider's employee"),
    t('оны келіп түскен күні тіркеуі', 'Регистрирует заявление на переоформление в день поступления и передаёт руководству', 'Registers the re-issuance application on the day of receipt and passes it to management'),
    null, // on the day of receipt
    'Annex 3, п. 5 (re-issuance) subpara 1)',
  ),
  step(
    'assign-by-management',
    management,
    t('басқарманың жауапты басшысын немесе жауапты қызметкерді анықтауы', 'Определяет ответственного руководителя управления или ответственного работника', 'Names the responsible head of department or responsible employee'),
    dur(6, 'workingHours', 'Annex 3, п. 5 (re-issuance) subpara 2)', 'алты сағат ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 2)',
  ),
  step(
    'assign-by-head',
    headOfDepartment,
    t('басқарма басшысының орындаушыны анықтауы', 'Руководитель управления определяет исполнителя', 'Head of department names the executor'),
    dur(6, 'workingHours', 'Annex 3, п. 5 (re-issuance) subpara 2)', 'алты сағат ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 2)',
    { after: ['register'] },
  ),
  // Five simple grounds (subpara 3): one 3-WD review, then 4 h to agree and sign.
  step(
    'simple-review',
    executor,
    t(
      'тізбе бойынша ұсынылған құжаттардың толықтығын және тиісінше рәсімделуін қарауы',
      'Проверяет полноту и надлежащее оформление документов; готовит проект переоформленной лицензии и (или) приложения или проект мотивированного отказа в переоформлении',
      'Checks completeness and proper execution of the documents; prepares the re-issued draft license and/or annex, or a draft reasoned refusal of re-issuance',
    ),
    dur(3, 'workingDays', 'Annex 3, п. 5 (re-issuance) subpara 3)', 'орындаушы үш жұмыс күні ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 3)',
    { after: ['assign-by-management', 'assign-by-head'], on: simpleGrounds },
  ),
  step(
    'simple-agree',
    agreeingPair,
    t('қайта рәсімделген лицензия және (немесе) лицензияға қосымша жобасын келіседі', 'Согласовывают проект переоформленной лицензии и (или) приложения (или проект отказа)', 'Agree the re-issued draft (or the draft refusal)'),
    dur(4, 'workingHours', 'Annex 3, п. 5 (re-issuance) subpara 3)', 'төрт сағаттың ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 3)',
    { on: simpleGrounds },
  ),
  step(
    'simple-sign',
    management,
    t('қайта рәсімделген лицензияға және (немесе) лицензия қосымшасына қол қояды', 'Подписывает переоформленную лицензию и (или) приложение (или отказ)', 'Signs the re-issued license and/or annex (or the refusal)'),
    dur(4, 'workingHours', 'Annex 3, п. 5 (re-issuance) subpara 3)', 'төрт сағаттың ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 3)',
    { after: ['simple-review'], on: simpleGrounds },
  ),
  // Spin-off / division (subpara 4): completeness in 2 WD, then preventive control as for issuance.
  step(
    'spinoff-completeness-check',
    executor,
    t(
      'тізбеге сәйкес ұсынылған құжаттардың және мәліметтердің толықтығын қарауы',
      'Проверяет полноту документов и сведений; при неполноте, ненадлежащем оформлении или несоответствии квалификационным требованиям готовит проект мотивированного отказа в переоформлении',
      'Checks completeness of documents and information; if incomplete, improperly executed or not meeting the qualification requirements, drafts a reasoned refusal of re-issuance',
    ),
    dur(2, 'workingDays', 'Annex 3, п. 5 (re-issuance) subpara 4)', 'орындаушы екі жұмыс күні ішінде'),
    'Annex 3, п. 5 (re-issuance) subpara 4)',
    { after: ['assign-by-management', 'assign-by-head'], on: spinOff },
  ),
  ...preventiveControlSteps(
    3,
    'п. 5 (re-issuance) ',
    {
      request: 'орындаушы көрсетілген мерзім ішінде сұрау дайындайды',
      // "within the said period" = the 2 WD of the spin-off completeness check.
      requestWindow: 'көрсетілген мерзім ішінде',
      requestAgree: 'сұрау келіседі',
      draft: 'қайта ресімделген лицензияның және (немесе) лицензияға қосымшаның жобасын',
      finalAgree: 'қайта ресімделген лицензияның және (немесе) лицензияға қосымшаның жобасын не лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеуден дәлелді бас тарту жобасын келіседі',
      finalSign: 'қайта ресімделген лицензияға және (немесе) лицензияға қосымшаға немесе лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеуден дәлелді бас тартуға қол қояды',
      finalWindow: 'алты сағат ішінде',
      requestParagraph: 'subpara 4)',
      tsParagraph: 'subpara 5)',
      analysisParagraph: 'subpara 6)',
    },
    headOfProvider,
    { prefix: 'spinoff-', on: spinOff },
  ),
];

const licenseChecklist = (): KindInput['checklist'] => [
  ...baseChecklist(3, 'көрсетілген тізбе 9-тармағында бойынша ұсынылған құжаттардың және мәліметтердің толықтығын', 'Annex 3, п. 4, п. 5.3'),
  {
    id: 'payment-receipt-scan',
    kind: 'paymentReceipt',
    name: t('электрондық (сканерленген) түрдегі түбіртек', 'Квитанция в электронной (сканированной) форме', 'Receipt in electronic (scanned) form'),
    required: false,
    note: 'Only if the fee was not paid through the portal payment gateway (ТШ). The amount is not stated; the seed does not say whether re-issuance is payable.',
    source: src('Annex 3, п. 10.6', 'немесе электрондық (сканерленген) түрдегі түбіртекті тіркеу'),
  },
];

const hydrocarbonLicense: ServiceInput = {
  id: 'seed003.hydrocarbon-license',
  availability: 'available',
  name: t(
    licenseName,
    'Лицензия на проектирование (технологическое) и (или) эксплуатацию горных производств (углеводороды), нефтехимических производств, эксплуатацию магистральных газопроводов, нефтепроводов, нефтепродуктопроводов в сфере углеводородов',
    'License for the design (technological) and/or operation of mining productions (hydrocarbons) and petrochemical productions, and for the operation of main gas pipelines, oil pipelines and oil-product pipelines in the hydrocarbon sphere',
  ),
  provider,
  ...recipientsAndForm(3, 'электрондық (толық автоматтандырылған)'),
  legalBasis: { ...legalBasis, source: { ...legalBasis.source, paragraph: 'header of the order; Annex 3 (= Order 380 Annex 6)' } },
  channels: channels(
    3,
    'www.egov.kz, www.elіcense.kz веб-порталы (бұдан әрі – портал) арқылы жүзеге асырылады',
    ' п. 4 also says the application may come «қағаз немесе электрондық тәсілмен» (on paper or electronically): see the paper channel.',
  ).concat({
    kind: 'paper',
    note: 'п. 4 allows an application on paper but names no place that takes one, and п. 1–2 make reception portal-only and the service fully automated; no ЦОН or office channel follows from it.',
    source: src('Annex 3, п. 4', 'қағаз немесе электрондық тәсілмен'),
  }),
  kinds: [
    {
      id: 'issue',
      name: t('лицензия және (немесе) лицензияға қосымша алған кезде', 'Получение лицензии и (или) приложения к лицензии', 'Obtaining a license and/or an annex to the license'),
      resultCap: dur(
        15,
        'workingDays',
        'Annex 3, п. 5 (issuance) closing sentence',
        'Жоғары тармақшаларда көрсетілген ресімдердің орындалу ұзақтығы портал арқылы жүгінген сәттен бастап он бес жұмыс күнінен аспайды',
      ),
      steps: licenseIssueSteps,
      checklist: licenseChecklist(),
      source: src('Annex 3, п. 5 (issuance)', 'лицензия және (немесе) лицензияға қосымша алған кезде'),
    },
    {
      id: 'reissue',
      name: t('лицензияны және (немесе) лицензияға қосымшаны қайта рәсімдеу', 'Переоформление лицензии и (или) приложения к лицензии', 'Re-issuance of the license and/or annex'),
      // 3 WD for the five simple grounds; the spin-off/division ground carries its own 15-WD cap.
      resultCap: {
        amount: 3,
        unit: 'workingDays',
        source: src(
          'Annex 3, п. 5 (re-issuance) subpara 3) closing sentence (3 WD); subpara 4) closing sentence (15 WD, spin-off/division)',
          'Жоғарғы көрсетілген ресімдердің орындалу ұзақтығы портал арқылы жүгінген сәттен бастап үш жұмыс күнінен аспайды',
        ),
      },
      grounds: licenseReissueGrounds,
      steps: licenseReissueSteps,
      checklist: licenseChecklist(),
      source: src('Annex 3, п. 5 (re-issuance)', 'лицензияны және (немесе) лицензияға қосымшаны қайта рәсімдеу кезінде'),
    },
  ],
  results: [
    {
      id: 'license-and-or-annex',
      name: t('лицензия және (немесе) лицензияға қосымша', 'Лицензия и (или) приложение к лицензии (электронная лицензия)', 'License and/or annex to the license (electronic license)'),
      source: src('Annex 3, п. 3, п. 10.16'),
    },
    {
      id: 'reissued-license-and-or-annex',
      name: t('лицензия және (немесе) лицензияға қосымшаны қайта ресімдеу', 'Переоформление лицензии и (или) приложения к лицензии', 'Re-issued license and/or annex'),
      source: src('Annex 3, п. 3'),
    },
  ],
  refusals: [
    {
      id: 'reasoned-refusal',
      name: t('лицензия беруге бас тарту туралы дәлелді жауап', 'Мотивированный ответ об отказе в выдаче лицензии', 'Reasoned response refusing to issue the license'),
      source: src('Annex 3, п. 3'),
    },
    refusalOfFurtherConsideration(3),
    {
      id: 'reasoned-refusal-of-reissue',
      name: t(
        'лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеуден дәлелді бас тарту',
        'Мотивированный отказ в переоформлении лицензии и (или) приложения к лицензии',
        'Reasoned refusal of re-issuance of the license and/or annex',
      ),
      source: src('Annex 3, п. 5 (re-issuance) subparas 3)–4), п. 6'),
    },
    {
      id: 'portal-authorization-refused',
      name: t('порталда авторизациялаудан бас тарту туралы хабарламаны', 'Сообщение об отказе в авторизации на портале', 'Portal message refusing authorization'),
      source: src('Annex 3, п. 10.4'),
    },
    {
      id: 'portal-no-payment',
      name: t(
        'төлемнің болмауына байланысты, сұратылған қызметтен бас тарту туралы хабарламаны',
        'Сообщение об отказе в запрашиваемой услуге в связи с отсутствием оплаты',
        'Message refusing the service because no payment was made',
      ),
      source: src('Annex 3, п. 10.8'),
    },
    {
      id: 'portal-eds-not-confirmed',
      name: t(
        'ЭЦҚ-ның теңтүпнұсқалығы расталмауына байланысты сұратылған қызметтен бас тарту туралы хабарламаны',
        'Сообщение об отказе в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП',
        'Message refusing the service because the authenticity of the EDS was not confirmed',
      ),
      source: src('Annex 3, п. 10.11'),
    },
    {
      id: 'portal-data-violation',
      name: t(
        'бұзушылықтың болуына байланысты сұратылған мемлекеттік қызметті көрсетуден бас тарту туралы хабарламаны',
        'Сообщение об отказе в оказании запрашиваемой государственной услуги в связи с нарушением в данных услугополучателя',
        "Message refusing the service because of a violation in the applicant's data",
      ),
      source: src('Annex 3, п. 10.15'),
    },
  ],
  payment: {
    rule: 'gatewayRecordOrReceiptScan',
    note: 'Pay via the portal payment gateway (ТШ), whose record the portal checks, or attach a scanned receipt. Amount not stated (deferred to the Standard); re-issuance not distinguished.',
    source: src(
      'Annex 3, п. 10.6–10.8',
      'көрсетілген қызметке ақыны порталдың төлем шлюзі (бұдан әрі – ТШ) арқылы төлеу, содан соң бұл ақпарат порталына түседі, немесе электрондық (сканерленген) түрдегі түбіртекті тіркеу',
    ),
  },
  source: src('Annex 3, п. 1', 'мемлекеттік қызметін Қазақстан Республикасы Энергетика министрлігі'),
};

// ---------------------------------------------------------------------------------------------------------
// Annex 4: gas network accreditation. Kind 'issue' (the seed says «куәлігін беру», issuance of a certificate,
// not a permit) and 'reissue': п. 5 runs both through one 15-WD procedure and lists no re-issuance grounds.

const accreditationSteps: StepInput[] = [
  ...intakeSteps(4, {
    employee: 'көрсетілетін қызметті беруші қызметкері',
    register: 'оны келіп түскен күні тіркеуі',
    assign: 'жауапты басқарма басшысын немесе жауапты орындаушыны',
    completeness: 'мәліметтердің толықтығын қарауы',
    refusalAgree: 'дәлелді өтінішті одан әрі қараудан бас тарту жобасын келіседі',
  }, 'Annex 4, п. 5.3 closing sentence'),
  ...preventiveControlSteps(
    4,
    'п. 5 ',
    {
      request: 'профилактикалық бақылауын жүзеге асыруға сұрау',
      requestWindow: 'көрсетілген екі жұмыс күннің ішінде',
      requestAgree: 'сұраумен келіседі',
      draft: 'куәлік жобасын немесе мемлекеттік көрсетілетін қызметке дәлелді бас тарту жобасын дайындайды',
      finalAgree: 'куәлік жобасын немесе мемлекеттік көрсетілетін қызметке дәлелді бас тарту жобасын келіседі',
      finalSign: 'куәлікке немесе мемлекеттік көрсетілетін қызметке дәлелді бас тартуға қол қояды',
      finalWindow: 'алты сағаттың ішінде',
      requestParagraph: 'subpara 4)',
      tsParagraph: 'subpara 5)',
      analysisParagraph: 'subpara 6)',
    },
    management,
  ),
];

const accreditationCap = dur(
  15,
  'workingDays',
  'Annex 4, п. 5 closing sentence',
  'Осы тармақта көрсетілген рәсімдердің орындалу ұзақтығы портал арқылы жүгінген сәттен бастап он бес жұмыс күнінен аспайды',
);

const accreditationChecklist = (): KindInput['checklist'] =>
  baseChecklist(4, 'көрсетілген тізбе бойынша ұсынылған құжаттардың', 'Annex 4, п. 4, п. 5.3');

const gasNetworkAccreditation: ServiceInput = {
  id: 'seed003.gas-network-accreditation',
  availability: 'available',
  name: t('Газ желісі ұйымдарын аккредиттеу', 'Аккредитация газосетевых организаций', 'Accreditation of gas network organizations'),
  provider,
  ...recipientsAndForm(4, 'электрондық (толықтай автоматтандырылған)'),
  legalBasis: { ...legalBasis, source: { ...legalBasis.source, paragraph: 'header of the order; Annex 4 (= Order 380 Annex 7)' } },
  channels: channels(4, 'www.egov.kz, www.elіcense.kz веб-порталы (бұдан әрі – портал) арқылы жүзеге асырылады'),
  kinds: [
    {
      id: 'issue',
      name: t('аккредиттеу туралы куәлігін беру', 'Выдача свидетельства об аккредитации', 'Issuance of the accreditation certificate'),
      resultCap: accreditationCap,
      steps: accreditationSteps,
      checklist: accreditationChecklist(),
      source: src('Annex 4, п. 5', 'аккредиттеу туралы куәлігін беру және қайта ресімдеу кезінде оларды орындау ұзақтығы'),
    },
    {
      id: 'reissue',
      name: t('қайта ресімдеу', 'Переоформление свидетельства', 'Re-issuance of the certificate'),
      grounds: [], // the seed lists no re-issuance grounds for accreditation
      resultCap: accreditationCap,
      steps: accreditationSteps,
      checklist: accreditationChecklist(),
      source: src('Annex 4, п. 5', 'аккредиттеу туралы куәлігін беру және қайта ресімдеу кезінде оларды орындау ұзақтығы'),
    },
  ],
  results: [
    {
      id: 'accreditation-certificate',
      name: t('аккредиттеу туралы куәлік', 'Свидетельство об аккредитации', 'Certificate of accreditation'),
      source: src('Annex 4, п. 3'),
    },
    {
      id: 'reissued-certificate',
      name: t('қайта ресімделген куәлік', 'Переоформленное свидетельство', 'Re-issued certificate'),
      source: src('Annex 4, п. 3'),
    },
  ],
  refusals: [
    {
      id: 'reasoned-refusal',
      name: t(
        'уәкілетті лауазымды адамның электрондық цифрлық қолтаңбасымен куәландырылған дәлелді бас тарту',
        'Мотивированный отказ, удостоверенный электронной цифровой подписью уполномоченного должностного лица',
        'Reasoned refusal certified by the electronic digital signature of the authorised official',
      ),
      source: src('Annex 4, п. 3'),
    },
    refusalOfFurtherConsideration(4),
    ...portalRefusals(4),
  ],
  payment: {
    rule: 'notStated',
    note: 'Annex 4 says nothing about payment.',
    source: src('Annex 4 (whole text)'),
  },
  source: src('Annex 4, п. 1', '"Газ желісі ұйымдарын аккредиттеу" мемлекеттік қызметін'),
};

export const seed003Services: z.input<typeof serviceSchema>[] = [flaringPermit, offshorePermit, hydrocarbonLicense, gasNetworkAccreditation];
