/**
 * Seed 001: Order No. 364 (5 Oct 2012) of the acting Minister of Industry and New Technologies, approving six
 * e-service regulations for industry / export-control licenses (appendices 1–6). The extraction
 * (/work/shared/domain/seed-001.md §5) found the six regulations identical apart from the service name, so one
 * builder produces all six; only names, subtypes and the appendix number differ.
 * kk texts are verbatim from the original (letter-spacing removed); ru and en are our translations.
 */
import type { z } from 'zod';
import type { serviceSchema } from '../catalogSchema';

type ServiceInput = z.input<typeof serviceSchema>;
type Localized = ServiceInput['name'];
type Source = ServiceInput['source'];
type Kind = ServiceInput['kinds'][number];
type Step = Kind['steps'][number];

const seed = 'seed-001' as const;

/** Every regulation paragraph is repeated in each appendix; the appendix number makes the reference exact. */
const src = (appendix: number, paragraph: string, quote?: string): Source =>
  quote === undefined ? { seed, paragraph: `Order appx ${appendix}, ${paragraph}` } : { seed, paragraph: `Order appx ${appendix}, ${paragraph}`, quote };

const actors = {
  employee: { kk: 'Қызмет көрсетуші', ru: 'Услугодатель (сотрудник)', en: 'Service provider (employee)' },
  eLicensing: { kk: '«Е-лицензиялау» МДБ АЖ', ru: 'ИС ГБД «Е-лицензирование»', en: 'E-licensing state database IS' },
  stateDatabases: { kk: 'ЖТ МДҚ/ЗТ МДҚ', ru: 'ГБД ФЛ/ГБД ЮЛ', en: 'Individuals / Legal-entities state databases' },
  provider: { kk: 'қызмет көрсетуші', ru: 'услугодатель', en: 'service provider' },
  consumer: { kk: 'тұтынушы', ru: 'потребитель (заявитель)', en: 'consumer (applicant)' },
} satisfies Record<string, Localized>;

/**
 * Diagram No. 2 (п. 7, "через услугодателя") with Table 2 times. The seed gives one process for issue, re-issue
 * and duplicate alike, so every kind carries the same steps. Diagram 1 (portal) is the applicant's own flow and
 * is not an intake step list; its times are in the extraction §2.7 Table 1.
 */
function officeSteps(a: number): Step[] {
  const t2 = (col: number, quote: string) => `п. 7; Annex 2, Table 2 col. ${col} «${quote}»`;
  return [
    {
      id: 'd2-login',
      actor: actors.employee,
      action: {
        kk: 'мемлекеттік қызметті көрсету үшін қызмет көрсетуші қызметкерінің логин мен парольді «Е-лицензиялау» МДБ АЖ-ға енгізуі',
        ru: 'Ввод сотрудником услугодателя логина и пароля в ИС ГБД «Е-лицензирование»',
        en: "The provider's employee enters login and password into the E-licensing IS",
      },
      duration: { amount: 10, maxAmount: 15, unit: 'seconds', source: src(a, t2(1, '10-15 сек')) },
      source: src(a, 'п. 7.1 (1-процесс)'),
    },
    {
      id: 'd2-auth-refused',
      // Branches that end the request before the provider considers it.
      on: { outcomes: ['returned'] },
      actor: actors.eLicensing,
      action: {
        kk: 'қызмет көрсетуші қызметкерінің деректерінде бұзушылықтардың бар болуына байланысты авторизациялаудан бас тарту туралы хабарламаны «Е-лицензиялау» МДБ АЖ-да құру',
        ru: 'Сообщение об отказе в авторизации из-за нарушений в данных сотрудника (ветвь при неудаче 1-условия)',
        en: "Authorization-refusal message for irregularities in the employee's data (branch when condition 1 fails)",
      },
      duration: { amount: 10, unit: 'seconds', source: src(a, t2(2, '10 сек')) },
      source: src(a, 'п. 7.3 (2-процесс)'),
    },
    {
      id: 'd2-select-service',
      actor: actors.employee,
      action: {
        kk: 'осы регламентте көрсетілген қызметтерді қызмет көрсетуші қызметкерінің таңдауы, қызмет көрсету үшін сұрау нысанын экранға шығару және қызмет көрсету қызметкерінің тұтынушы деректерін енгізу',
        ru: 'Сотрудник выбирает услугу, на экран выводится форма запроса, сотрудник вводит данные потребителя',
        en: "The employee selects the service, the request form is shown and the employee enters the consumer's data",
      },
      duration: { amount: 1.5, unit: 'minutes', source: src(a, t2(3, '1,5 мин')) },
      source: src(a, 'п. 7.4 (3-процесс)'),
    },
    {
      id: 'd2-check-databases',
      actor: actors.stateDatabases,
      action: {
        kk: 'ЭҮШ арқылы тұтынушы туралы деректерді ЖТ МДҚ/ЗТ МДҚ жіберу',
        ru: 'Данные потребителя отправляются через ШЭП в ГБД ФЛ/ГБД ЮЛ и проверяется их наличие',
        en: "The consumer's data are sent via the e-government gateway to the state databases and checked for existence",
      },
      duration: { amount: 1.5, unit: 'minutes', source: src(a, t2(4, '1,5 мин')) },
      source: src(a, 'п. 7.5–7.6 (4-процесс, 2-шарт)'),
    },
    {
      id: 'd2-data-unavailable',
      on: { outcomes: ['returned'] },
      actor: actors.eLicensing,
      action: {
        kk: 'тұтынушы деректерінің ЖТ МДҚ/ЗТ МДҚ-да жоқ болуына байланысты деректерді алудың мүмкін еместігі туралы хабарламаны құру',
        ru: 'Сообщение о невозможности получить данные: потребителя нет в ГБД ФЛ/ГБД ЮЛ (ветвь при неудаче 2-условия)',
        en: 'Message that the data cannot be obtained: consumer absent from the state databases (branch when condition 2 fails)',
      },
      duration: { amount: 1.5, unit: 'minutes', source: src(a, t2(5, '1,5 мин')) },
      source: src(a, 'п. 7.7 (5-процесс); Table 2 col. 5 names «Е-лицензиялау» МДБ АЖ as actor'),
    },
    {
      id: 'd2-fill-and-scan',
      actor: actors.employee,
      action: {
        kk: 'құжаттардың қағаз нысанда болуы туралы белгісі бөлігінде сұрау нысанын толтыру және тұтынушы ұсынған қажетті құжаттарды қызмет көрсетуші қызметкерінің сканерлеуі',
        ru: 'Заполнение формы запроса в части отметки о наличии документов на бумаге и сканирование сотрудником представленных документов',
        en: 'Fill in the request form, marking which documents exist on paper, and scan the documents the consumer submitted',
      },
      duration: { amount: 10, maxAmount: 15, unit: 'seconds', source: src(a, t2(6, '10-15 сек')) },
      source: src(a, 'п. 7.8 (6-процесс)'),
    },
    {
      id: 'd2-register',
      actor: actors.eLicensing,
      action: {
        kk: 'сұрауды «Е-лицензиялау» МДБ АЖ-да тіркеу және «Е-лицензиялау» МДБ АЖ-да қызметтерді өңдеу',
        ru: 'Регистрация запроса и обработка услуги в ИС ГБД «Е-лицензирование»',
        en: 'The request is registered and processed in the E-licensing IS',
      },
      // Table 2 stops at col. 6: registration, the check and the result have no time in the seed.
      duration: null,
      source: src(a, 'п. 7.9 (7-процесс); no time in Table 2'),
    },
    {
      id: 'd2-qualification-check',
      actor: actors.provider,
      action: {
        kk: 'қызмет көрсетушінің лицензия беру үшін тұтынушының біліктілік талаптарына және негіздерге сәйкестігін тексеруі',
        ru: 'Проверка услугодателем соответствия потребителя квалификационным требованиям и основаниям для выдачи лицензии',
        en: 'The provider checks that the consumer meets the qualification requirements and grounds for issuing the license',
      },
      duration: null,
      source: src(a, 'п. 7.10 (3-шарт); no time in Table 2'),
    },
    {
      id: 'd2-refusal',
      on: { outcomes: ['refused'] },
      actor: actors.eLicensing,
      action: {
        kk: 'тұтынушы деректерінде бұзушылықтардың бар болуына байланысты сұратылған қызметтен бас тарту',
        ru: 'Отказ из-за нарушений в данных потребителя (ветвь при неудаче 3-шарт)',
        en: "Refusal for irregularities in the consumer's data (branch when condition 3 fails)",
      },
      duration: null,
      source: src(a, 'п. 7.11 (8-процесс); no time in Table 2'),
    },
    {
      id: 'd2-result',
      after: ['d2-qualification-check'],
      on: { outcomes: ['granted'] },
      actor: actors.consumer,
      action: {
        kk: '«Е-лицензиялау» МДБ АЖ-да құрылған қызмет нәтижелерін тұтынушының алуы',
        ru: 'Потребитель получает результат, сформированный в ИС ГБД «Е-лицензирование» (подписан ЭЦП уполномоченного лица услугодателя)',
        en: "The consumer receives the result formed in the E-licensing IS (signed with the EDS of the provider's authorised person)",
      },
      duration: null,
      source: src(a, 'п. 7.12 (9-процесс); no time in Table 2'),
    },
  ];
}

function checklist(a: number): Kind['checklist'] {
  return [
    {
      id: 'request-form',
      kind: 'application',
      name: { kk: 'сұрау нысаны', ru: 'Форма запроса', en: 'Request form' },
      required: true,
      note: 'Filled in by the provider employee in E-licensing; the form itself is published on www.elicense.kz (п. 8), not in the seed.',
      source: src(a, 'п. 7.4, 7.8; п. 8'),
    },
    {
      id: 'standard-documents',
      kind: 'standardDocuments',
      name: { kk: 'тұтынушы ұсынған қажетті құжаттар', ru: 'Необходимые документы, представленные потребителем', en: 'Necessary documents submitted by the consumer' },
      required: true,
      note: 'The regulation names no list and no paragraph; the documents are set by the Standard approved by Government Resolution No. 1130 of 31.08.2012 (п. 2), which is not included.',
      source: src(a, 'п. 7.8 (6-процесс)', 'тұтынушы ұсынған қажетті құжаттарды'),
    },
  ];
}

// No deadline in working days or hours appears anywhere in seed 001 (extraction §2.7); left to the Standard.
const noCap = 'No overall deadline in the seed; it is left to the Standard (Gov. Resolution No. 1130), not included.';

function kinds(a: number, duplicateKk: string): Kind[] {
  const steps = officeSteps(a);
  const list = checklist(a);
  const one = (id: Kind['id'], name: Localized): Kind => ({
    id,
    name,
    grounds: [],
    resultCap: null,
    steps,
    checklist: list,
    source: src(a, `title; one common process for all three operations. ${noCap}`),
  });
  return [
    one('issue', { kk: 'лицензия беру', ru: 'Выдача лицензии', en: 'Issuance of a license' }),
    // The seed lists no re-issue grounds; they are in the Standard / licensing law.
    one('reissue', { kk: 'қайта ресімдеу', ru: 'Переоформление', en: 'Re-issuance' }),
    one('duplicate', { kk: duplicateKk, ru: 'Выдача дубликатов лицензии', en: 'Issuance of license duplicates' }),
  ];
}

function channels(a: number): ServiceInput['channels'] {
  return [
    {
      kind: 'providerOffice',
      note: 'Diagram No. 2 "through the service provider": the provider employee takes paper documents, scans them and files the request. No ЦОН channel in this seed.',
      source: src(a, 'п. 7', 'қызмет көрсетуші арқылы'),
    },
    {
      kind: 'portal',
      note: 'www.e.gov.kz; Diagram No. 1. п. 1 attaches the abbreviation ЭҮП to elicense.kz, п. 5.15 to e.gov.kz.',
      source: src(a, 'п. 1, п. 6', '«электрондық үкіметтің» www.e.gov.kz веб-порталы'),
    },
    {
      kind: 'eLicensingPortal',
      note: 'www.elicense.kz; request/response forms are published there (п. 8).',
      source: src(a, 'п. 1', 'www.elicense.kz «Е-лицензиялау» веб-порталы'),
    },
  ];
}

function results(a: number): ServiceInput['results'] {
  return [
    {
      id: 'electronic-license',
      name: { kk: 'электрондық лицензия', ru: 'Электронная лицензия', en: 'Electronic license' },
      source: src(a, 'п. 5.12, п. 6.16, п. 7.12', 'Электронды құжат қызмет көрсетушінің уәкілетті тұлғасының ЭЦҚ пайдалануымен құрылады'),
    },
  ];
}

function refusals(a: number): ServiceInput['refusals'] {
  return [
    {
      id: 'data-irregularities',
      name: {
        kk: 'тұтынушы деректерінде бұзушылықтардың бар болуына байланысты сұратылған қызметтен бас тарту',
        ru: 'Отказ из-за нарушений в данных потребителя (не пройдена проверка квалификационных требований и оснований)',
        en: "Refusal for irregularities in the consumer's data (qualification requirements / grounds not met)",
      },
      source: src(a, 'п. 7.11 (8-процесс) after 3-шарт; п. 6.15 (10-процесс)'),
    },
    {
      id: 'data-unavailable',
      name: {
        kk: 'деректерді алудың мүмкін еместігі туралы хабарламаны құру',
        ru: 'Сообщение о невозможности получения данных (потребителя нет в ГБД ФЛ/ГБД ЮЛ)',
        en: 'Message that data cannot be obtained (consumer absent from the state databases)',
      },
      source: src(a, 'п. 7.7 (5-процесс)'),
    },
    {
      id: 'no-payment',
      name: {
        kk: 'төлемдердің болмауына байланысты сұратылған қызметтен бас тарту',
        ru: 'Отказ из-за отсутствия оплаты (только портал)',
        en: 'Refusal: no payment (portal only)',
      },
      source: src(a, 'п. 6.8 (5-процесс)'),
    },
    {
      id: 'eds-not-confirmed',
      name: {
        kk: 'тұтынушының ЭЦҚ-сының нақтылығын растамаумен байланысты сұратылған қызметтен бас тарту',
        ru: 'Отказ из-за неподтверждения подлинности ЭЦП потребителя (только портал)',
        en: "Refusal: the consumer's EDS is not confirmed (portal only)",
      },
      source: src(a, 'п. 6.11 (7-процесс)'),
    },
  ];
}

interface ServiceSpec {
  appendix: number;
  id: string;
  name: Localized;
  duplicateKk: string;
  subtypes?: ServiceInput['subtypes'];
  titleQuote: string;
}

function build(spec: ServiceSpec): ServiceInput {
  const a = spec.appendix;
  return {
    id: spec.id,
    availability: 'available',
    name: spec.name,
    provider: {
      kk: 'Қазақстан Республикасы Индустрия және жаңа технологиялар министрлігінің Өнеркәсіп комитеті',
      ru: 'Комитет промышленности Министерства индустрии и новых технологий Республики Казахстан',
      en: 'Industry Committee of the Ministry of Industry and New Technologies of the Republic of Kazakhstan',
    },
    legalBasis: {
      act: {
        kk: 'Өнеркәсіп және экспорттық бақылау саласындағы электрондық мемлекеттік қызметтер регламенттерін бекіту туралы',
        ru: 'Об утверждении регламентов электронных государственных услуг в сфере промышленности и экспортного контроля',
        en: 'On approval of the regulations of electronic state services in the field of industry and export control',
      },
      number: '364',
      date: '2012-10-05',
      registration: { number: '8077', date: '2012-11-12' },
      repealedBy:
        'Order No. 102 of the Minister of Industry and New Technologies of the RK of 27.03.2014 (in force 10 calendar days after first official publication)',
      source: { seed, paragraph: 'order header and «Ескерту»', quote: '2012 жылғы 5 қазандағы № 364 Бұйрығы' },
    },
    channels: channels(a),
    subtypes: spec.subtypes ?? [],
    kinds: kinds(a, spec.duplicateKk),
    results: results(a),
    refusals: refusals(a),
    recipients: {
      kinds: ['individual', 'legalEntity'],
      source: src(a, 'п. 5.10 (definition of тұтынушы)', 'тұтынушы – электрондық мемлекеттік қызмет көрсетілетін жеке және заңды тұлғалар'),
    },
    form: {
      electronic: true,
      paper: false,
      automation: 'partial',
      source: src(a, 'п. 3', 'Электронды мемлекеттік қызметті автоматтандыру деңгейі – ішінара автоматтандырылған'),
    },
    payment: {
      // The gateway is the only way the text names, and E-licensing checks its record (2-шарт): the reference is the evidence.
      rule: 'gatewayOnly',
      note: 'Paid through the e-government payment gateway (ЭҮТШ), whose record E-licensing checks (п. 6.7, 2-шарт), refusing the request without it (п. 6.8, 5-процесс). The «түбіртек» of Table 1 col. 4 is the one ЭҮТШ itself generates, not a scanned receipt. The office flow (Diagram 2) has no payment step; no amount is stated.',
      source: src(a, 'п. 6.6 (4-процесс), п. 6.7 (2-шарт), п. 6.8 (5-процесс)', 'қызметтерді ЭҮТШ-та төлеу, одан кейін бұл ақпарат «Е-лицензиялау» МДБ АЖ-ға түседі'),
    },
    source: src(a, 'regulation title', spec.titleQuote),
  };
}

const specs: ServiceSpec[] = [
  {
    appendix: 1,
    id: 'seed001.mining-chemical-production-license',
    name: {
      kk: 'Тау-кен, пайдалы қазбаларды барлау, өндіру, химия өндірістерін жобалау (технологиялық) және (немесе) пайдалану бойынша қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензии на осуществление деятельности по проектированию (технологическому) и (или) эксплуатации горных (разведка, добыча полезных ископаемых), химических производств',
      en: 'Issuance, re-issuance and duplicates of a license for (technological) design and/or operation of mining (mineral exploration and extraction) and chemical production',
    },
    duplicateKk: 'лицензияның телнұсқаларын беру',
    // «және (немесе)» (and/or): the applicant may seek design, operation, or both.
    subtypes: [
      { id: 'design', name: { kk: 'жобалау (технологиялық)', ru: 'Проектирование (технологическое)', en: 'Design (technological)' }, source: src(1, 'regulation title', 'жобалау (технологиялық) және (немесе) пайдалану') },
      { id: 'operation', name: { kk: 'пайдалану', ru: 'Эксплуатация', en: 'Operation' }, source: src(1, 'regulation title', 'жобалау (технологиялық) және (немесе) пайдалану') },
    ],
    titleQuote: 'The order list (п. 1.1) writes «Тау-кен (пайдалы қазбаларды барлау, өндіру), химия…»; the regulation title drops the brackets.',
  },
  {
    appendix: 2,
    id: 'seed001.poisons-license',
    name: {
      kk: 'Уларды өндіру, қайта өңдеу, сатып алу, сақтау, өткізу, пайдалану, жою жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензии на осуществление деятельности по производству, переработке, приобретению, хранению, реализации, использованию, уничтожению ядов',
      en: 'Issuance, re-issuance and duplicates of a license for the production, processing, acquisition, storage, sale, use and destruction of poisons',
    },
    duplicateKk: 'лицензияның телнұсқаларын беру',
    titleQuote: 'The order list (п. 1.2) writes «бойынша» where the regulation title writes «жөніндегі».',
  },
  {
    appendix: 3,
    id: 'seed001.arms-military-equipment-license',
    name: {
      // The source writes several і here as Latin "i"; stored with Cyrillic і (see the test's normalisation).
      kk: 'Монтаждауды, реттеуді, жаңартуды, орнатуды, пайдалануды, сақтауды, жөндеуді және сервистік қызмет көрсетуді қоса алғанда, оқ-дәрілерді, қару-жарақ пен әскери техниканы, олардың қосалқы бөлшектерін, жиынтықтаушы бұйымдары мен аспаптарын, сондай-ақ оларды өндіруге арналған арнайы материалдар мен жабдықтарды әзірлеу, өндіру, жөндеу, сатып алу және өткізу жөніндегі қызмет түрін жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензии на разработку, производство, ремонт, приобретение и реализацию боеприпасов, вооружения и военной техники, запасных частей, комплектующих изделий и приборов к ним, а также специальных материалов и оборудования для их производства, включая монтаж, наладку, модернизацию, установку, использование, хранение, ремонт и сервисное обслуживание',
      en: 'Issuance, re-issuance and duplicates of a license for the development, production, repair, acquisition and sale of ammunition, weapons and military equipment, their spare parts, components and instruments, and special materials and equipment for producing them, including installation, adjustment, modernisation, mounting, use, storage, repair and servicing',
    },
    duplicateKk: 'лицензияның телнұсқаларын беру',
    titleQuote: 'The regulation title mixes Latin "i" into Kazakh words; the order list (п. 1.3) has the typo «алғаңда».',
  },
  {
    appendix: 4,
    id: 'seed001.explosives-pyrotechnics-license',
    name: {
      kk: 'Жарылғыш және пиротехникалық заттар мен олар қолданылып жасалған бұйымдарды әзірлеу, өндіру, сатып алу және өткізу жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензии на осуществление деятельности по разработке, производству, приобретению и реализации взрывчатых и пиротехнических веществ и изделий с их применением',
      en: 'Issuance, re-issuance and duplicates of a license for the development, production, acquisition and sale of explosive and pyrotechnic substances and articles made with them',
    },
    duplicateKk: 'лицензияның телнұсқаларын беру',
    titleQuote: 'The order list (п. 1.4) writes «бойынша» where the regulation title writes «жөніндегі».',
  },
  {
    appendix: 5,
    id: 'seed001.ammunition-disposal-license',
    name: {
      kk: 'Босатылатын оқ-дәрілерді, қару-жарақтарды, әскери техниканы, арнаулы құралдарды жою (жою, кәдеге жарату, көму) және қайта өңдеу жөніндегі қызметті жүзеге асыруға лицензия беру, қайта ресімдеу, лицензияның телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензии на осуществление деятельности по ликвидации (уничтожению, утилизации, захоронению) и переработке высвобождаемых боеприпасов, вооружений, военной техники, специальных средств',
      en: 'Issuance, re-issuance and duplicates of a license for the elimination (destruction, utilisation, burial) and processing of released ammunition, weapons, military equipment and special means',
    },
    duplicateKk: 'лицензияның телнұсқаларын беру',
    titleQuote: 'The order list (п. 1.5) writes «жою (құрту, кәдеге жарату, көму)» and «кару-жарақтарды»; the regulation title writes «жою (жою, …)».',
  },
  {
    appendix: 6,
    id: 'seed001.export-import-license',
    name: {
      kk: 'Тауарлардың, оның ішінде экспорттық бақылауға жататын өнімнің экспорты мен импортына лицензия беру, қайта ресімдеу, лицензия телнұсқаларын беру',
      ru: 'Выдача, переоформление, выдача дубликатов лицензий на экспорт и импорт товаров, в том числе продукции, подлежащей экспортному контролю',
      en: 'Issuance, re-issuance and duplicates of licenses for the export and import of goods, including products subject to export control',
    },
    // Only this title writes «лицензия телнұсқаларын» (no genitive).
    duplicateKk: 'лицензия телнұсқаларын беру',
    titleQuote: 'Licenses a transaction (export/import), not an activity; the seed gives no export/import sub-types or transaction data.',
  },
];

export const seed001Services: ServiceInput[] = specs.map(build);
