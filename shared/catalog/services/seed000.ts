/**
 * Seed 000: National Space Agency Order No. 33/НҚ (12.03.2014). It approves two regulations but the file
 * holds only the first (space-activity licensing); the second is listed with what the order itself states.
 * kk strings and quotes are verbatim from seeds/000_*.txt (letter spacing removed); ru/en are translations.
 */
import type { z } from 'zod';
import type { serviceSchema } from '../catalogSchema';

type ServiceInput = z.input<typeof serviceSchema>;
type StepInput = ServiceInput['kinds'][number]['steps'][number];
type ChecklistInput = ServiceInput['kinds'][number]['checklist'][number];

const seed = 'seed-000' as const;
/** п. 5 and п. 8 of the regulation are word-for-word the same list; п. 5 is cited. */
const steps = 'Regulation (order annex 1) п. 5, repeated as п. 8';

const order = {
  act: {
    kk: 'Қазақстан Республикасы Ұлттық ғарыш агенттігі көрсететін мемлекеттік қызмет регламенттерін бекіту туралы',
    ru: 'Об утверждении регламентов государственных услуг, оказываемых Национальным космическим агентством Республики Казахстан',
    en: 'On approval of the regulations of state services provided by the National Space Agency of the Republic of Kazakhstan',
  },
  number: '33/НҚ',
  date: '2014-03-12',
  registration: { number: '9314', date: '2014-04-11' },
  repealedBy:
    'Order No. 668 of the Minister for Investments and Development of the RK of 2015-05-29 (in force 21 calendar days after its first official publication)',
};

const provider = {
  kk: 'Қазақстан Республикасының Ұлттық ғарыш агенттігі',
  ru: 'Национальное космическое агентство Республики Казахстан',
  en: 'National Space Agency of the Republic of Kazakhstan',
};

/** The provider's internal procedure; the seed gives it once for all result types (step 7 names them all). */
const licenseSteps: StepInput[] = [
  {
    id: 'office-registers',
    actor: {
      kk: 'көрсетілетін қызметті берушінің кеңсе қызметкері',
      ru: 'Сотрудник канцелярии услугодателя',
      en: "Provider's office employee",
    },
    action: {
      kk: 'сұратуды түскен күні тіркеу және оны көрсетілетін қызметті берушінің басшылығына қарауға беру',
      ru: 'Регистрирует запрос в день поступления и передаёт его на рассмотрение руководству услугодателя',
      en: "Registers the request on the day it arrives and passes it to the provider's management for review",
    },
    // "On the day of receipt" is a deadline without an amount; the schema's duration needs one, so none is invented.
    duration: null,
    source: { seed, paragraph: `${steps}, 1st item`, quote: 'сұратуды түскен күні тіркеу' },
  },
  {
    id: 'management-resolution',
    actor: { kk: 'көрсетілетін қызметті берушінің басшылығы', ru: 'Руководство услугодателя', en: "Provider's management" },
    action: {
      kk: 'құжаттардың мазмұнымен танысу және қарар салу',
      ru: 'Знакомится с содержанием документов и налагает резолюцию',
      en: 'Reads the documents and endorses them with a resolution',
    },
    duration: {
      // Hours of the provider's working days: the same list counts its other windows in working days.
      amount: 4,
      unit: 'workingHours',
      source: { seed, paragraph: `${steps}, 2nd item`, quote: 'көрсетілетін қызметті берушінің басшылығы төрт сағат ішінде' },
    },
    source: { seed, paragraph: `${steps}, 2nd item` },
  },
  {
    id: 'head-assigns-executor',
    actor: { kk: 'көрсетілетін қызметті берушінің басшысы', ru: 'Руководитель услугодателя', en: 'Head of the provider' },
    action: {
      kk: 'құрылымдық бөлімшенің жауапты қызметкерін (бұдан әрі – орындаушы) таңдау',
      ru: 'Выбирает ответственного сотрудника структурного подразделения (исполнителя)',
      en: "Selects the structural unit's responsible employee (the executor)",
    },
    duration: {
      // Hours of the provider's working days: the same list counts its other windows in working days.
      amount: 4,
      unit: 'workingHours',
      source: { seed, paragraph: `${steps}, 3rd item`, quote: 'көрсетілетін қызметті берушінің басшысы төрт сағат ішінде' },
    },
    source: { seed, paragraph: `${steps}, 3rd item` },
  },
  {
    id: 'executor-completeness',
    actor: { kk: 'орындаушы', ru: 'Исполнитель', en: 'Executor' },
    action: {
      kk: 'сұратуға қоса берілген құжаттардың толықтығын қарау',
      ru: 'Проверяет полноту документов, приложенных к запросу (перечень — п. 9 Стандарта)',
      en: 'Checks the completeness of the documents attached to the request (list: para 9 of the Standard)',
    },
    duration: {
      // Hours of the provider's working days: the same list counts its other windows in working days.
      amount: 4,
      unit: 'workingHours',
      source: { seed, paragraph: `${steps}, 4th item`, quote: 'орындаушы төрт сағат ішінде' },
    },
    source: { seed, paragraph: `${steps}, 4th item` },
  },
  {
    id: 'qualification-check',
    // The seed names no actor for this item; the executor is implied by the preceding item.
    actor: {
      kk: 'орындаушы',
      ru: 'Исполнитель (подразумевается: в регламенте исполнитель этого действия не назван)',
      en: 'Executor (implied: the regulation names no actor for this item)',
    },
    action: {
      kk: 'біліктілік талаптарға сәйкестігін қарау',
      ru: 'Проверяет соответствие представленных документов квалификационным требованиям',
      en: 'Checks the submitted documents against the qualification requirements',
    },
    duration: {
      amount: 4,
      unit: 'workingDays',
      source: { seed, paragraph: `${steps}, 5th item`, quote: 'ұсынылған құжаттардың төрт жұмыс күн ішінде біліктілік талаптарға' },
    },
    source: { seed, paragraph: `${steps}, 5th item` },
  },
  {
    id: 'positive-decision',
    // The 6th and 7th items are the two branches of the 5th item's check.
    on: { outcomes: ['granted'] },
    actor: {
      kk: 'орындаушы',
      ru: 'Исполнитель (подразумевается)',
      en: 'Executor (implied)',
    },
    action: {
      kk: 'сәйкес болған жағдайда бір күн ішінде мемлекеттік қызметті көрсету туралы оң шешім дайындау',
      ru: 'При соответствии в течение одного дня готовит положительное решение об оказании государственной услуги',
      en: 'If compliant: prepares, within one day, a positive decision to render the service',
    },
    // «бір күн» (one day), unlike «жұмыс күн» (working day) elsewhere in the same list: read as a calendar day.
    duration: {
      amount: 1,
      unit: 'calendarDays',
      source: { seed, paragraph: `${steps}, 6th item`, quote: 'сәйкес болған жағдайда бір күн ішінде' },
    },
    source: { seed, paragraph: `${steps}, 6th item` },
  },
  {
    id: 'motivated-refusal',
    after: ['qualification-check'],
    on: { outcomes: ['refused'] },
    actor: { kk: 'орындаушы', ru: 'Исполнитель (подразумевается)', en: 'Executor (implied)' },
    action: {
      kk: 'мемлекеттік қызметті көрсетуден бас тарту туралы уәжделген жауап жіберу',
      ru: 'При несоответствии направляет мотивированный ответ об отказе в оказании государственной услуги',
      en: 'If not compliant: sends a motivated refusal to render the service',
    },
    duration: {
      amount: 2,
      unit: 'workingDays',
      source: { seed, paragraph: `${steps}, 7th item`, quote: 'сәйкес емес болған жағдайда екі жұмыс күн ішінде' },
    },
    source: { seed, paragraph: `${steps}, 7th item` },
  },
  {
    id: 'head-approves',
    after: ['positive-decision', 'motivated-refusal'],
    actor: { kk: 'көрсетілетін қызметті берушінің басшысы', ru: 'Руководитель услугодателя', en: 'Head of the provider' },
    action: {
      kk: 'шешімді келісу',
      ru: 'Согласовывает решение (о выдаче, переоформлении, выдаче дубликата лицензии либо мотивированном отказе)',
      en: 'Approves the decision (to issue, re-issue, issue a duplicate, or give a motivated refusal)',
    },
    duration: {
      amount: 2,
      unit: 'workingDays',
      source: { seed, paragraph: `${steps}, 8th item`, quote: 'көрсетілетін қызметті берушінің басшысы екі жұмыс күн ішінде' },
    },
    source: { seed, paragraph: `${steps}, 8th item` },
  },
  {
    id: 'head-signs',
    actor: { kk: 'көрсетілетін қызметті берушінің басшысы', ru: 'Руководитель услугодателя', en: 'Head of the provider' },
    action: {
      kk: 'лицензияға, қайта ресімделген лицензияға, лицензияның телнұсқасына не бас тарту туралы уәжделген жауапқа бір күн ішінде қол қою',
      ru: 'Подписывает лицензию, переоформленную лицензию, дубликат лицензии либо мотивированный ответ об отказе в течение одного дня',
      en: 'Signs the license, re-issued license, duplicate, or motivated refusal within one day',
    },
    duration: {
      amount: 1,
      unit: 'calendarDays',
      source: { seed, paragraph: `${steps}, 9th item`, quote: 'уәжделген жауапқа бір күн ішінде қол қою' },
    },
    source: { seed, paragraph: `${steps}, 9th item` },
  },
];

const standardNote =
  'The Standard is the one approved by Government Decree No. 151 of 25.02.2014; it is not included in the seed, so its contents are not catalogued.';

const licenseChecklist: ChecklistInput[] = [
  {
    id: 'application',
    kind: 'application',
    name: {
      kk: 'лицензияны және (немесе) лицензияға қосымшаны алуға өтініші',
      ru: 'Заявление на получение лицензии и (или) приложения к лицензии',
      en: 'Application for a license and/or an annex to the license',
    },
    required: true,
    note: `Form per Annexes 1, 2, 3 of the Standard (the digits are displaced in the seed's text). The seed names no other form for re-issuance or a duplicate. ${standardNote}`,
    source: { seed, paragraph: 'Regulation п. 4' },
  },
  {
    id: 'information-form',
    kind: 'informationForm',
    name: {
      kk: 'көрсетілетін қызметті алушының мәліметтер нысаны',
      ru: 'Форма сведений услугополучателя',
      en: "Service recipient's information form",
    },
    required: true,
    note: 'Not reproduced in the seed.',
    source: { seed, paragraph: 'Regulation п. 4' },
  },
  {
    id: 'payment-receipt-scan',
    kind: 'paymentReceipt',
    name: {
      kk: 'түбіртектің электронды (сканирленген) түрі',
      ru: 'Электронная (сканированная) копия квитанции',
      en: 'Electronic (scanned) copy of the receipt',
    },
    // An alternative to the ЭҮТШ payment record, so not required on its own.
    required: false,
    note: 'Alternative to paying through ЭҮТШ (portal flow, Diagram No. 1). No amount is stated.',
    source: { seed, paragraph: 'Regulation п. 10, Diagram No. 1, 4-үдеріс' },
  },
  {
    id: 'standard-documents',
    kind: 'standardDocuments',
    name: {
      kk: 'ұсынылған құжаттардың толықтығы мен дұрыстығы',
      ru: 'Полнота и правильность представленных документов',
      en: 'Completeness and correctness of the submitted documents',
    },
    required: true,
    note: `The seed defers the document list to para 9 of the Standard. ${standardNote}`,
    source: { seed, paragraph: 'Regulation п. 5 (4th item) and п. 6' },
  },
];

const noCapParagraph =
  'Regulation п. 9: the service is rendered within the period of para 4 of the Standard (not included), so resultCap is null';

export const seed000Services: ServiceInput[] = [
  {
    id: 'seed000.space-activity-license',
    availability: 'available',
    name: {
      kk: 'Ғарыш кеңістігін пайдалану саласындағы қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқасын беру',
      ru: 'Выдача лицензии, переоформление, выдача дубликата лицензии на осуществление деятельности в сфере использования космического пространства',
      en: 'Issuance of a license to carry out activities in the field of use of outer space, re-issuance, issuance of a duplicate of the license',
    },
    provider,
    legalBasis: {
      ...order,
      source: { seed, paragraph: 'Order header', quote: '2014 жылғы 12 наурыздағы № 33/НҚ бұйрығы' },
    },
    channels: [
      {
        kind: 'providerOffice',
        note: 'Accepts applications and hands out results; a paper-filed request gets its result printed, signed by the head and sealed.',
        source: { seed, paragraph: 'Regulation п. 1', quote: 'көрсетілетін қызметті берушінің кеңсесі арқылы' },
      },
      {
        kind: 'portal',
        note: 'www.egov.kz and www.elicense.kz are defined jointly as «портал».',
        source: { seed, paragraph: 'Regulation п. 1', quote: 'www.egov.kz «электрондық үкімет» веб-порталы' },
      },
      {
        kind: 'eLicensingPortal',
        note: 'Part of «портал» together with www.egov.kz. The seed names no ХҚКО/ЦОН channel.',
        source: { seed, paragraph: 'Regulation п. 1', quote: 'www.elicense.kz' },
      },
    ],
    kinds: [
      {
        id: 'issue',
        name: { kk: 'лицензия беру', ru: 'Выдача лицензии', en: 'Issuance of a license' },
        resultCap: null,
        steps: licenseSteps,
        checklist: licenseChecklist,
        source: { seed, paragraph: `Regulation title and п. 3; ${noCapParagraph}` },
      },
      {
        id: 'reissue',
        name: { kk: 'қайта ресімдеу', ru: 'Переоформление', en: 'Re-issuance' },
        // The seed lists no re-issue grounds (they would be in the Standard).
        grounds: [],
        resultCap: null,
        steps: licenseSteps,
        checklist: licenseChecklist,
        source: { seed, paragraph: `Regulation title and п. 3; ${noCapParagraph}` },
      },
      {
        id: 'duplicate',
        name: { kk: 'лицензияның телнұсқасын беру', ru: 'Выдача дубликата лицензии', en: 'Issuance of a duplicate of the license' },
        resultCap: null,
        steps: licenseSteps,
        checklist: licenseChecklist,
        source: {
          seed,
          paragraph: `Regulation title and п. 3 (duplicate of the license and/or of its annex); ${noCapParagraph}`,
          quote: 'лицензия және (немесе) лицензияға қосымшаның телнұсқасы',
        },
      },
      {
        id: 'annex',
        name: { kk: 'лицензияға қосымша', ru: 'Приложение к лицензии', en: 'Annex to the license' },
        resultCap: null,
        steps: licenseSteps,
        checklist: licenseChecklist,
        source: {
          seed,
          paragraph: `Regulation п. 3 and п. 4 (not in the service title); ${noCapParagraph}`,
          quote: 'лицензияны және (немесе) лицензияға қосымшаны алуға өтініші',
        },
      },
    ],
    results: [
      {
        id: 'license',
        name: {
          kk: 'ғарыш кеңістігін пайдалану саласындағы қызметті жүзеге асыруға лицензия',
          ru: 'Лицензия на осуществление деятельности в сфере использования космического пространства',
          en: 'License to carry out activities in the field of use of outer space',
        },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
      {
        id: 'license-annex',
        name: { kk: 'лицензияға қосымша', ru: 'Приложение к лицензии', en: 'Annex to the license' },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
      {
        id: 'reissued-license',
        name: { kk: 'қайта ресімдеу', ru: 'Переоформление (переоформленная лицензия)', en: 'Re-issuance (re-issued license)' },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
      {
        id: 'duplicate',
        name: {
          kk: 'лицензия және (немесе) лицензияға қосымшаның телнұсқасы',
          ru: 'Дубликат лицензии и (или) приложения к лицензии',
          en: 'Duplicate of the license and/or of the annex to the license',
        },
        source: { seed, paragraph: 'Regulation п. 3' },
      },
    ],
    refusals: [
      {
        id: 'motivated-refusal',
        name: {
          kk: 'уәжделген бас тарту туралы жауап',
          ru: 'Мотивированный ответ об отказе',
          en: 'Motivated refusal',
        },
        source: { seed, paragraph: 'Regulation п. 3 (cases and grounds: para 10 of the Standard, not included) and п. 5, 7th item (qualification requirements not met)' },
      },
      {
        id: 'no-payment',
        name: {
          kk: 'төлемнің болмауына байланысты, сұратылған қызметтен бас тарту',
          ru: 'Отказ в запрошенной услуге в связи с отсутствием оплаты',
          en: 'Refusal of the requested service because there is no payment',
        },
        source: { seed, paragraph: 'Regulation п. 10, Diagram No. 1, 5-үдеріс (only when paid through ЭҮТШ)' },
      },
      {
        id: 'eds-not-confirmed',
        name: {
          kk: 'ЭЦҚ-ның дұрыстығы расталмауына байланысты сұратылған қызметтен бас тарту',
          ru: 'Отказ в запрошенной услуге в связи с неподтверждением подлинности ЭЦП',
          en: 'Refusal of the requested service because the EDS was not confirmed',
        },
        source: { seed, paragraph: 'Regulation п. 10, Diagram No. 1, 7-үдеріс' },
      },
      {
        id: 'applicant-data-faulty',
        name: {
          kk: 'деректерің бұзылуына байланысты сұратылған қызметінен бас тарту',
          ru: 'Отказ в запрошенной услуге в связи с нарушениями в данных услугополучателя',
          en: "Refusal of the requested service because of faults in the applicant's data",
        },
        source: { seed, paragraph: 'Regulation п. 10, Diagram No. 1, 10-үдеріс (spelling «деректерің» as in the seed)' },
      },
    ],
    recipients: {
      kinds: ['individual', 'legalEntity'],
      source: { seed, paragraph: 'Regulation п. 4', quote: 'жеке және заңды тұлғаның' },
    },
    form: {
      electronic: true,
      paper: true,
      automation: 'partial',
      source: { seed, paragraph: 'Regulation п. 2', quote: 'электрондық (ішінара автоматтандырылған) және (немесе) қағаз түрінде' },
    },
    payment: {
      rule: 'gatewayRecordOrReceiptScan',
      note: 'Portal flow only: pay through ЭҮТШ (record reaches «Е-лицензиялау» МДҚ АЖ) or attach a scanned receipt. Diagram No. 2 (provider office) has no payment step. No amount or license fee is stated.',
      source: {
        seed,
        paragraph: 'Regulation п. 10, Diagram No. 1, 4-үдеріс',
        quote: 'не түбіртектің электронды (сканирленген) түрі бекітіледі',
      },
    },
    source: { seed, paragraph: 'Order п. 1 1); regulation (order annex 1) title and п. 1 (the order has the plural «телнұсқаларын»)' },
  },
  {
    id: 'seed000.space-objects-registration',
    // The order approves this regulation (its 2-қосымша) but the file does not contain its text.
    availability: 'textNotAvailable',
    name: {
      kk: 'Ғарыш объектілерін және оларға құқықтарды мемлекеттік тіркеу',
      ru: 'Государственная регистрация космических объектов и прав на них',
      en: 'State registration of space objects and rights to them',
    },
    // The order's title says its regulations cover services the NSA provides; nothing more is stated.
    provider,
    legalBasis: {
      ...order,
      source: { seed, paragraph: 'Order header and п. 1 2)', quote: '2014 жылғы 12 наурыздағы № 33/НҚ бұйрығы' },
    },
    channels: [],
    kinds: [],
    results: [],
    refusals: [],
    recipients: null,
    form: null,
    payment: {
      rule: 'notStated',
      note: 'The regulation text is absent from the seed.',
      source: { seed, paragraph: 'Order п. 1 2)' },
    },
    source: { seed, paragraph: 'Order п. 1 2) (the regulation text itself is not in the file)' },
  },
];
