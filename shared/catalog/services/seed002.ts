/**
 * Seed 002: Astana City Akimat Resolution No. 102-1249 (05.08.2014), the regulation for licensing warehouse
 * activity with issuance of cotton receipts. The receipts are what the licensee issues, not a service result.
 * kk strings and quotes are verbatim from seeds/002_*.txt (letter spacing removed); ru/en are translations.
 */
import type { z } from 'zod';
import type { serviceSchema } from '../catalogSchema';

type ServiceInput = z.input<typeof serviceSchema>;
type StepInput = ServiceInput['kinds'][number]['steps'][number];
type ChecklistInput = ServiceInput['kinds'][number]['checklist'][number];

const seed = 'seed-002' as const;
/** Section 2 of the regulation; its para 5 is numbered «5.» twice in the seed, this is the first. */
const p5 = 'Regulation п. 5 (section 2)';

const officeRegisters: StepInput = {
  id: 'office-registers',
  actor: { kk: 'қызмет беруші кеңсесінің қызметкері', ru: 'Сотрудник канцелярии услугодателя', en: "Provider's office employee" },
  action: {
    kk: 'қызмет алушыға тіркеу нөмірін берумен және күнімен тіркеуді жүзеге асырады',
    ru: 'В день поступления документов регистрирует их с выдачей услугополучателю регистрационного номера и даты, затем передаёт руководителю или заместителю',
    en: 'On the day the documents arrive, registers them, giving the applicant a registration number and date, then passes them to the head or deputy',
  },
  duration: {
    amount: 30,
    unit: 'minutes',
    source: { seed, paragraph: `${p5} 1); Annex 1, action 1`, quote: 'берілеген ең ұзақ уақыты – 30 (отыз) минуттан артық емес' },
  },
  source: { seed, paragraph: `${p5} 1)` },
};

const headForwards: StepInput = {
  id: 'head-forwards',
  actor: { kk: 'қызмет берушінің басшысы немесе оның орынбасары', ru: 'Руководитель услугодателя или его заместитель', en: 'Head of the provider or deputy' },
  action: {
    kk: 'қызмет алушының құжаттары түскен күні бөлім басшысына береді',
    ru: 'В день поступления передаёт документы услугополучателя руководителю отдела',
    en: "Passes the applicant's documents to the head of department on the day they arrive",
  },
  duration: {
    amount: 30,
    unit: 'minutes',
    source: { seed, paragraph: `${p5} 2); Annex 1, action 2`, quote: 'берілген ең ұзақ уақыты – 30 (отыз) минуттан артық емес' },
  },
  source: { seed, paragraph: `${p5} 2)` },
};

const departmentHeadAssigns: StepInput = {
  id: 'department-head-assigns',
  actor: { kk: 'бөлім басшысы', ru: 'Руководитель отдела', en: 'Head of department' },
  action: {
    kk: 'қызмет алушының құжаттары түскен күні бөлімнің жауапты маманына тапсырады',
    ru: 'В день поступления поручает документы услугополучателя ответственному специалисту отдела',
    en: "Assigns the applicant's documents to the department's responsible specialist on the day they arrive",
  },
  duration: {
    amount: 30,
    unit: 'minutes',
    source: { seed, paragraph: `${p5} 3); Annex 1, action 3`, quote: 'уақыты – 30 (отыз) минуттан артық емес' },
  },
  source: { seed, paragraph: `${p5} 3)` },
};

const initialCheck: StepInput = {
  id: 'initial-check',
  actor: { kk: 'бөлімнің маманы', ru: 'Специалист отдела', en: 'Department specialist' },
  action: {
    kk: 'өтінішке алғашқы тексерісті жүзеге асырады',
    ru: 'Проводит первичную проверку заявления',
    en: 'Carries out the initial check of the application',
  },
  duration: {
    amount: 1,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5} 4); Annex 1, action 4`, quote: 'уақыты – 1 (бір) жұмыс күні. Қорытынды – лицензияны алу үшін' },
  },
  source: { seed, paragraph: `${p5} 4)` },
};

const incompleteNotice: StepInput = {
  id: 'incomplete-written-notice',
  // The branch of the initial check when the documents are incomplete: the request goes no further.
  on: { outcomes: ['returned'] },
  actor: { kk: 'бөлімнің маманы', ru: 'Специалист отдела', en: 'Department specialist' },
  action: {
    kk: 'қызмет алушының қызмет алуға өтінішін одан әрі қараудан бас тарту туралы жазбаша хабарлайды',
    ru: 'Если документы неполные: письменно сообщает услугополучателю об отказе в дальнейшем рассмотрении заявления',
    en: 'If the documents are incomplete: notifies the applicant in writing that further consideration is refused',
  },
  duration: {
    amount: 1,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5} 4), second sentence`, quote: 'бөлімнің маманы 1 (бір) жұмыс күні ішінде' },
  },
  source: { seed, paragraph: `${p5} 4), second sentence` },
};

const qualificationCheck: StepInput = {
  id: 'qualification-check',
  actor: { kk: 'бөлімнің маманы', ru: 'Специалист отдела', en: 'Department specialist' },
  action: {
    kk: 'өтініштің біліктілік талаптарына сәйкестігін талдайды',
    ru: 'Анализирует соответствие заявления квалификационным требованиям и передаёт его с заключением руководителю отдела для согласования с другими заинтересованными государственными органами',
    en: 'Analyses compliance with the qualification requirements and passes the application with its conclusion to the head of department for approval by other interested state bodies',
  },
  duration: {
    amount: 2,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5} 5); Annex 1, action 5`, quote: 'уақыты – 2 (екі) жұмыс күні. Қорытынды – қосымшасы бар' },
  },
  source: { seed, paragraph: `${p5} 5)` },
};

const otherBodiesConclude: StepInput = {
  id: 'other-bodies-conclude',
  actor: { kk: 'басқа мүдделі мемлекеттік органдар', ru: 'Другие заинтересованные государственные органы', en: 'Other interested state bodies' },
  action: {
    kk: 'құжаттарды қарайды және өзінің құзіреті шегінде дәлелді қорытындысын бөлімнің жауапты маманына береді',
    ru: 'Рассматривают документы и в пределах своей компетенции дают мотивированное заключение ответственному специалисту отдела',
    en: "Review the documents and give a reasoned conclusion, within their competence, to the department's responsible specialist",
  },
  // Annex 1's table has no row for this step; the text of п. 5 6) is the only source.
  duration: {
    amount: 2,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5} 6)`, quote: 'уақыты - 2 (екі) жұмыс күні' },
  },
  source: { seed, paragraph: `${p5} 6) (not in Annex 1's table)` },
};

const headSignsDecision: StepInput = {
  id: 'head-signs-decision',
  on: { outcomes: ['granted'] },
  actor: { kk: 'қызмет берушінің басшысы және (немесе) оның орынбасары', ru: 'Руководитель услугодателя и (или) его заместитель', en: 'Head of the provider and/or deputy' },
  action: {
    kk: 'шешімнің жобасына қол қояды',
    ru: 'При положительном заключении других государственных органов подписывает проект решения о выдаче, переоформлении, выдаче дубликатов лицензии',
    en: 'If the other bodies’ conclusions are positive, signs the draft decision on issuance, re-issuance or duplicates',
  },
  duration: {
    amount: 1,
    unit: 'workingDays',
    source: {
      seed,
      paragraph: `${p5} 7) (Annex 1, action 6 gives 2 working days for the decision as a whole)`,
      quote: 'жобасына қол қояды. Осы рәсімді жүзеге асыру үшін берілген ең ұзақ уақыты – 1 (бір) жұмыс күні',
    },
  },
  source: { seed, paragraph: `${p5} 7)` },
};

const specialistFormalises: StepInput = {
  id: 'specialist-formalises',
  on: { outcomes: ['granted'] },
  actor: { kk: 'бөлімнің маманы', ru: 'Специалист отдела', en: 'Department specialist' },
  action: {
    kk: 'шешімін алған соң рәсімдейді',
    ru: 'Получив решение, оформляет лицензию, переоформление, приложение к лицензии или дубликаты лицензии',
    en: 'After receiving the decision, formalises the license, re-issuance, annex or duplicates',
  },
  duration: {
    amount: 1,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5} 8) (Annex 1, action 6 gives 2 working days for the decision as a whole)`, quote: 'рәсімдейді - 1 (бір) жұмыс күні' },
  },
  source: { seed, paragraph: `${p5} 8)` },
};

const reasonedRefusal: StepInput = {
  id: 'reasoned-refusal',
  after: ['other-bodies-conclude'],
  on: { outcomes: ['refused'] },
  actor: { kk: 'бөлімнің маманы', ru: 'Специалист отдела', en: 'Department specialist' },
  action: {
    kk: 'беруден бас тарту туралы дәлелді жауап береді',
    ru: 'Если заявление не соответствует квалификационным требованиям, даёт мотивированный ответ об отказе; канцелярия направляет его услугополучателю',
    en: 'If the application does not meet the qualification requirements, gives a reasoned refusal, which the office sends to the applicant',
  },
  // The seed gives no duration for the refusal path.
  duration: null,
  source: { seed, paragraph: `${p5}, paragraph after 8)` },
};

const paperDispatch: StepInput = {
  id: 'paper-dispatch',
  on: { outcomes: ['granted'] },
  actor: { kk: 'қызмет көрсетушінің кеңсесі', ru: 'Канцелярия услугодателя', en: "Provider's office" },
  action: {
    kk: 'лицензияны және (немесе) лицензияға қосымшаны қызмет алушыға пошта арқылы, немесе 1 (бір) жұмыс күнінің ішінде жібереді',
    ru: 'Для бумажного результата (распечатан, заверен подписью и печатью руководителя) после подписания направляет лицензию и (или) приложение услугополучателю по почте или в течение 1 (одного) рабочего дня',
    en: 'For a paper result (printed, certified with the head’s signature and seal): after signing, sends the license and/or annex to the applicant by post, or within 1 (one) working day',
  },
  // The seed's wording ("by post, or within 1 working day") is ambiguous; the 1 working day is kept as stated.
  duration: {
    amount: 1,
    unit: 'workingDays',
    source: { seed, paragraph: `${p5}, paper-result paragraph`, quote: '1 (бір) жұмыс күнінің ішінде жібереді' },
  },
  source: { seed, paragraph: `${p5}, paper-result paragraph` },
};

const fullPath: StepInput[] = [
  officeRegisters,
  headForwards,
  departmentHeadAssigns,
  initialCheck,
  incompleteNotice,
  qualificationCheck,
  otherBodiesConclude,
  headSignsDecision,
  specialistFormalises,
  reasonedRefusal,
  paperDispatch,
];

/** «Лицензияның телнұсқасын берген кезде 4, 5, 6, 7-рәсімдер қолданылмайды»: the refusal hangs on step 5, so it goes too. */
const duplicatePath: StepInput[] = [officeRegisters, headForwards, departmentHeadAssigns, specialistFormalises, paperDispatch];

const standardNote =
  'The Standard is the one approved by Government Decree No. 94 of 15.02.2014 (standards of state services in the cotton sector); it is not included in the seed.';

const checklist: ChecklistInput[] = [
  {
    id: 'application',
    kind: 'application',
    name: { kk: 'өтініш', ru: 'Заявление', en: 'Application' },
    required: true,
    note: `Form per Annex 1 to the Standard. ${standardNote}`,
    source: { seed, paragraph: 'Regulation п. 4' },
  },
  {
    id: 'standard-documents',
    kind: 'standardDocuments',
    name: { kk: 'құжаттар тізімі', ru: 'Перечень документов', en: 'List of documents' },
    required: true,
    note: `The seed defers the document list to para 9 of the Standard. ${standardNote}`,
    source: { seed, paragraph: 'Regulation п. 4' },
  },
];

const noCap = 'no overall deadline is stated in the seed, so resultCap is null';

export const seed002Services: ServiceInput[] = [
  {
    id: 'seed002.cotton-warehouse-license',
    availability: 'available',
    name: {
      kk: 'Мақта қолхаттарын беру арқылы қойма қызметі бойынша қызметтер көрсетуге лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача лицензии, переоформление, выдача дубликатов лицензии на оказание услуг по складской деятельности с выпуском хлопковых расписок',
      en: 'Issuance of a license to provide services in warehouse activity with issuance of cotton receipts, re-issuance, issuance of duplicates of the license',
    },
    provider: {
      kk: 'Астана қаласының Ауыл шаруашылығы басқармасы',
      ru: 'ГУ «Управление сельского хозяйства города Астаны»',
      en: 'State institution "Astana City Agriculture Department"',
    },
    legalBasis: {
      act: {
        kk: '"Мақта қолхаттарын беру арқылы қойма қызметі бойынша қызметтер көрсетуге лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру" мемлекеттік көрсетілетін қызмет регламентін бекіту туралы',
        ru: 'Об утверждении регламента государственной услуги «Выдача лицензии, переоформление, выдача дубликатов лицензии на оказание услуг по складской деятельности с выпуском хлопковых расписок»',
        en: 'On approval of the state service regulation "Issuance of a license to provide services in warehouse activity with issuance of cotton receipts, re-issuance, issuance of duplicates of the license"',
      },
      number: '102-1249',
      date: '2014-08-05',
      registration: { number: '838', date: '2014-09-05' },
      repealedBy: 'Resolution No. 102-234 of the Akimat of Astana city of 2016-02-09',
      source: { seed, paragraph: 'Resolution header', quote: 'Астана қаласы әкімдігінің 2014 жылғы 5 тамыздағы № 102-1249 қаулысы' },
    },
    channels: [
      {
        kind: 'providerOffice',
        note: 'Paper applications are registered by the office; paper results are sent by post or from the office; status can also be checked by applying to the provider (п. 10).',
        source: { seed, paragraph: 'Regulation п. 1 and п. 5 1)', quote: 'бұдан әрi – қызмет беруші) арқылы' },
      },
      {
        kind: 'portal',
        source: { seed, paragraph: 'Regulation п. 1', quote: 'www.egov.kz веб-порталы (бұдан әрі – портал)' },
      },
      {
        kind: 'eLicensingPortal',
        note: 'The e-service request and response forms are shown through www.elicense.kz. The seed names no ХҚКО/ЦОН channel.',
        source: { seed, paragraph: 'Regulation п. 9', quote: 'ЭМҚ-ға сұрау салу және жауап беру нысаны www.elicense.kz' },
      },
    ],
    kinds: [
      {
        id: 'issue',
        name: { kk: 'лицензия беру', ru: 'Выдача лицензии', en: 'Issuance of a license' },
        resultCap: null,
        steps: fullPath,
        checklist,
        source: { seed, paragraph: `Regulation title and п. 3; ${noCap}` },
      },
      {
        id: 'reissue',
        name: { kk: 'қайта ресімдеу', ru: 'Переоформление', en: 'Re-issuance' },
        // The seed lists no re-issue grounds.
        grounds: [],
        resultCap: null,
        steps: fullPath,
        checklist,
        source: { seed, paragraph: `Regulation title and п. 3; ${noCap}` },
      },
      {
        id: 'duplicate',
        name: { kk: 'лицензияның телнұсқаларын беру', ru: 'Выдача дубликатов лицензии', en: 'Issuance of duplicates of the license' },
        resultCap: null,
        steps: duplicatePath,
        checklist,
        source: {
          seed,
          paragraph: `Regulation title, п. 3 and п. 5 (procedures 4–7 skipped); ${noCap}`,
          quote: 'Лицензияның телнұсқасын берген кезде 4, 5, 6, 7-рәсімдер қолданылмайды',
        },
      },
      {
        id: 'annex',
        name: { kk: 'лицензияға қосымшасы', ru: 'Приложение к лицензии', en: 'Annex to the license' },
        resultCap: null,
        steps: fullPath,
        checklist,
        source: {
          seed,
          paragraph: `Regulation п. 5 8), the paper-result paragraph and Annex 1 action 6 (not in the title or the п. 3 result); ${noCap}`,
          quote: 'лицензияға қосымшасы (немесе) лицензияның телнұсқаларын беру',
        },
      },
    ],
    results: [
      {
        id: 'license',
        name: { kk: 'лицензия', ru: 'Лицензия', en: 'License' },
        source: { seed, paragraph: 'Regulation п. 3 and the paper-result paragraph of п. 5' },
      },
      {
        id: 'license-annex',
        name: { kk: 'лицензияға қосымшасы', ru: 'Приложение к лицензии', en: 'Annex to the license' },
        source: { seed, paragraph: 'Regulation п. 5 8) and the paper-result paragraph' },
      },
      {
        id: 'reissued-license',
        name: { kk: 'қайта ресімдеу', ru: 'Переоформление (переоформленная лицензия)', en: 'Re-issuance (re-issued license)' },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
      {
        id: 'duplicate',
        name: { kk: 'лицензияның телнұсқаларын беру', ru: 'Выдача дубликатов лицензии', en: 'Issuance of duplicates of the license' },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
    ],
    refusals: [
      {
        id: 'reasoned-refusal',
        name: {
          kk: 'мемлекеттік қызметті көрсетуден дәлелді бас тарту',
          ru: 'Мотивированный отказ в оказании государственной услуги',
          en: 'Reasoned refusal to render the state service',
        },
        source: { seed, paragraph: 'Regulation п. 3; п. 5, paragraph after 8) (qualification requirements not met)' },
      },
      {
        id: 'further-consideration-refused',
        name: {
          kk: 'қызмет алуға өтінішін одан әрі қараудан бас тарту',
          ru: 'Отказ в дальнейшем рассмотрении заявления',
          en: 'Refusal of further consideration of the application',
        },
        source: { seed, paragraph: 'Regulation п. 5 4), second sentence (incomplete documents); Annex 1 action 4' },
      },
      {
        id: 'no-payment',
        name: {
          kk: 'төлемнің болмауына байланысты «электрондық үкімет» порталында бас тарту',
          ru: 'Отказ на портале «электронного правительства» в связи с отсутствием оплаты',
          en: 'Refusal on the e-government portal because there is no payment',
        },
        source: { seed, paragraph: 'Regulation п. 7, Diagram No. 1, 5-үдеріс' },
      },
      {
        id: 'eds-not-confirmed',
        name: {
          kk: 'ЭЦҚ-сы төлнұсқалығының расталмауына байланысты сұратылған ЭМҚ-дан бас тарту',
          ru: 'Отказ в запрошенной электронной услуге в связи с неподтверждением подлинности ЭЦП',
          en: 'Refusal of the requested e-service because the EDS authenticity was not confirmed',
        },
        source: { seed, paragraph: 'Regulation п. 7, Diagram No. 1, 7-үдеріс (spelling «төлнұсқалығының» as in the seed)' },
      },
      {
        id: 'applicant-data-faulty',
        name: {
          kk: 'деректерінде бұзушылықтардың болуына байланысты сұратылған ЭМҚ-дан бас тарту',
          ru: 'Отказ в запрошенной электронной услуге в связи с нарушениями в данных услугополучателя',
          en: "Refusal of the requested e-service because of faults in the applicant's data",
        },
        source: { seed, paragraph: 'Regulation п. 7, Diagram No. 1, 10-үдеріс' },
      },
    ],
    recipients: {
      kinds: ['individual', 'legalEntity'],
      // The regulation defines no recipient; its data query goes to both state databases.
      source: { seed, paragraph: 'Regulation п. 8, Diagram No. 2, 4-үдеріс', quote: 'жеке тұлғалардың мемлекеттік дерек базасына' },
    },
    form: {
      electronic: true,
      paper: true,
      automation: 'partial',
      source: { seed, paragraph: 'Regulation п. 2', quote: 'электрондық (ішінара автоматтандырылған) және (немесе) қағаз түрінде' },
    },
    payment: {
      rule: 'gatewayOnly',
      note: 'Gateway only: seed 002 names payment through the e-government payment gateway, checked in «Е-лицензиялау» МДБ АЖ; it offers NO scanned-receipt alternative. Diagram No. 1 pays before signing, п. 9 after. Diagram No. 2 (provider) has no payment step. No amount is stated.',
      source: { seed, paragraph: 'Regulation п. 7, Diagram No. 1, 4-үдеріс; п. 9 8)', quote: '«электрондық үкіметтің» төлем шлюзі арқылы қызметке ақы төлеу' },
    },
    source: { seed, paragraph: 'Resolution п. 1; regulation title and п. 1' },
  },
];
