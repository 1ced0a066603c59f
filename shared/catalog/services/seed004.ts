/**
 * Seed 004: Order No. 159 (28 Sep 2012) of the acting Minister of Culture and Information, e-service regulation
 * for the license for archaeological and/or scientific-restoration works on monuments (restated by Order No. 223
 * of 26.12.2012). The only seed with a ЦОН channel (Diagram No. 3 / Table 3). Diagram No. 2 (the provider's own
 * office) and Diagram No. 3 (ЦОН) are alternative channels of one kind: their steps carry `on.channels`, and a
 * request follows the one it came through.
 * kk texts are verbatim from the original (letter-spacing removed; the source mixes Latin "i" and Cyrillic "і",
 * we store Cyrillic); ru and en are our translations.
 */
import type { z } from 'zod';
import type { serviceSchema } from '../catalogSchema';

type ServiceInput = z.input<typeof serviceSchema>;
type Localized = ServiceInput['name'];
type Kind = ServiceInput['kinds'][number];
type Step = Kind['steps'][number];
type Duration = NonNullable<Step['duration']>;

const seed = 'seed-004' as const;

// The only cell with a result deadline; the seed does not say which figure belongs to which kind.
const capQuote = '«15 - жұмыс күн, 10 - жұмыс күн»';
const capPairing =
  'Inferred pairing: Table 2 col. 9 puts this cell beside «электрондық лицензия лицензияны қайта ресімдеу», read as 15 working days for issue and 10 for re-issue; the seed does not state the pairing. The portal flow (Table 1 col. 9) gives «10-15 жұмыс күндерi» for processing.';

const actors = {
  provider: { kk: 'Қызмет көрсетуші', ru: 'Услугодатель (сотрудник)', en: 'Service provider (employee)' },
  eLicensing: { kk: '«Е-лицензиялау» МДҚ АЖ', ru: 'ИС ГБД «Е-лицензирование»', en: 'E-licensing state database IS' },
  stateDatabases: { kk: 'ЖТ МДҚ, ЗТ МДҚ', ru: 'ГБД ФЛ, ГБД ЮЛ', en: 'Individuals / Legal-entities state databases' },
  stateDatabasesEnis: { kk: 'МДҚ ЖТ/МДҚ ЗТ, ЕНИС', ru: 'ГБД ФЛ/ГБД ЮЛ, ЕНИС', en: 'Individuals / Legal-entities state databases, ЕНИС' },
  // Table 3 «Орталық операторы»; shared/catalog/windowSteps.ts tells the window's own steps by en === 'ЦОН operator'.
  operator: { kk: 'Орталық операторы', ru: 'Оператор ЦОН', en: 'ЦОН operator' },
} satisfies Record<string, Localized>;

const t2 = (col: number, cell: string) => ({ seed, paragraph: `Annex 2, Table 2 col. ${col}`, quote: `«${cell}»` });
const t3 = (col: number, cell: string) => ({ seed, paragraph: `Annex 2, Table 3 col. ${col}`, quote: `«${cell}»` });

/** Diagram No. 2 (п. 7) with Table 2 times. `resultTime` is the kind's share of Table 2 col. 9. */
function providerSteps(resultTime: Duration): Step[] {
  const office = ['providerOffice' as const];
  return [
    {
      id: 'd2-login',
      on: { channels: office },
      actor: actors.provider,
      action: {
        kk: 'қызмет көрсетуші қызметкерiнiң электрондық мемлекеттiк қызметтi алу үшiн «Е-лицензиялау» АЖ МДҚ логинi мен паролiн енгiзу үдерiсi',
        ru: 'Сотрудник услугодателя вводит логин и пароль в ИС ГБД «Е-лицензирование» (авторизация)',
        en: "The provider's employee enters login and password into the E-licensing IS (authorisation)",
      },
      duration: { amount: 10, maxAmount: 15, unit: 'seconds', source: t2(1, '10–15 сек') },
      source: { seed, paragraph: 'п. 7.1 (1 үдерiс)' },
    },
    {
      id: 'd2-auth-refused',
      on: { channels: office, outcomes: ['returned'] },
      actor: actors.eLicensing,
      action: {
        kk: 'қызмет көрсетуші қызметкерінің деректерінде бұзушылықтардың бар болуына байланысты авторизациялаудан бас тарту туралы хабарламаны',
        ru: 'Сообщение об отказе в авторизации из-за нарушений в данных сотрудника (ветвь при неудаче 1 шарт)',
        en: "Authorisation-refusal message for irregularities in the employee's data (branch when condition 1 fails)",
      },
      duration: { amount: 10, unit: 'seconds', source: t2(2, '10 сек') },
      source: { seed, paragraph: 'п. 7.3 (2 үдеріс)' },
    },
    {
      id: 'd2-select-service',
      on: { channels: office },
      actor: actors.provider,
      action: {
        kk: 'қызмет көрсетуге арналған сауал нысанын экранға шығаруы және алушының деректерiн енгiзуi',
        ru: 'Сотрудник выбирает услугу, выводит на экран форму запроса и вводит данные получателя',
        en: "The employee selects the service, opens the request form and enters the recipient's data",
      },
      duration: { amount: 1.5, unit: 'minutes', source: t2(3, '1,5 мин') },
      source: { seed, paragraph: 'п. 7.4 (3 үдеріс)' },
    },
    {
      id: 'd2-check-databases',
      on: { channels: office },
      actor: actors.stateDatabases,
      action: {
        kk: 'МДҚ ЖТ/МДҚ ЗТ-да ЭҮШ арқылы алушының деректерi туралы сұрау салу',
        ru: 'Запрос данных получателя в ГБД ФЛ/ГБД ЮЛ через ШЭП и проверка их наличия',
        en: "Query of the recipient's data in the state databases via the e-government gateway, and existence check",
      },
      duration: { amount: 1.5, unit: 'minutes', source: t2(4, '1,5 мин') },
      source: { seed, paragraph: 'п. 7.5–7.6 (4 үдерiс, 2 шарт)' },
    },
    {
      id: 'd2-data-unavailable',
      on: { channels: office, outcomes: ['returned'] },
      actor: actors.eLicensing,
      action: {
        kk: 'МДҚ ЖТ/МДҚ ЗТ-да алушы деректерiнiң болмауымен байланысты деректердi алу мүмкiн еместiгi туралы хабарламаны құрастыру',
        ru: 'Сообщение о невозможности получения данных: получателя нет в ГБД ФЛ/ГБД ЮЛ (ветвь при неудаче 2 шарт)',
        en: 'Message that the data cannot be obtained: recipient absent from the state databases (branch when condition 2 fails)',
      },
      duration: { amount: 1.5, unit: 'minutes', source: t2(5, '1,5 мин') },
      source: { seed, paragraph: 'п. 7.7 (5 үдерiс); Table 2 col. 5 words it as a refusal for faults in the documents' },
    },
    {
      id: 'd2-fill-and-scan',
      on: { channels: office },
      actor: actors.provider,
      action: {
        kk: 'сауал нысанын құжаттардың қағаз нысанында болуын белгiлеу бөлiгiнде толтыру және қызмет көрсетуші қызметкерiнiң алушы ұсынған қажеттi құжаттарды сканерлеуi және оларды сауал нысанына бекiтуi',
        ru: 'Заполнение формы запроса в части отметки о бумажных документах, сканирование представленных документов и прикрепление их к форме',
        en: 'Fill in the request form marking documents held on paper; scan the documents the recipient submitted and attach them',
      },
      duration: { amount: 10, maxAmount: 15, unit: 'seconds', source: t2(6, '10–15 сек') },
      source: { seed, paragraph: 'п. 7.8 (6 үдерiс)' },
    },
    {
      id: 'd2-register',
      on: { channels: office },
      actor: actors.eLicensing,
      action: {
        kk: 'Өтінімге нөмір берумен сауал салуды тіркеу',
        ru: 'Регистрация запроса с присвоением номера заявке и обработка услуги',
        en: 'Register the request, assigning the application a number, and process it',
      },
      duration: { amount: 1.5, unit: 'minutes', source: t2(7, '1,5 мин') },
      source: { seed, paragraph: 'п. 7.9 (7 үдерiс); Table 2 col. 7 completion form' },
    },
    {
      id: 'd2-qualification-check',
      on: { channels: office },
      actor: { kk: 'қызмет көрсетуші', ru: 'Услугодатель', en: 'Service provider' },
      action: {
        kk: 'алушының бiлiктiлiк талаптарына және лицензия беру негiздерiне сәйкестiгiн қызмет көрсетушінің тексеруi',
        ru: 'Проверка услугодателем соответствия получателя квалификационным требованиям и основаниям для выдачи лицензии',
        en: 'The provider checks the recipient against the qualification requirements and the grounds for issuing a license',
      },
      // Condition, not a table row: no time in the seed.
      duration: null,
      source: { seed, paragraph: 'п. 7.10 (3 шарт)' },
    },
    {
      id: 'd2-refusal',
      on: { channels: office, outcomes: ['refused'] },
      actor: actors.eLicensing,
      action: {
        kk: 'Алушының құжаттарында бұзушылықтардың болуына байланысты бас тарту туралы хабарламаны қалыптастырады',
        ru: 'Сообщение об отказе из-за нарушений в документах получателя (ветвь при неудаче 3 шарт)',
        en: "Refusal message for faults in the recipient's documents (branch when condition 3 fails)",
      },
      // Table 2 col. 8 time is «-».
      duration: null,
      source: { seed, paragraph: 'п. 7.11 (8 үдерiс); Annex 2, Table 2 col. 8 time «-»' },
    },
    {
      id: 'd2-result',
      after: ['d2-qualification-check'],
      on: { channels: office, outcomes: ['granted'] },
      actor: actors.provider,
      action: {
        kk: 'Электрондық құжат (электрондық лицензия)',
        ru: 'Электронный документ (электронная лицензия), подписанный ЭЦП уполномоченного лица услугодателя',
        en: "Electronic document (electronic license), signed with the EDS of the provider's authorised person",
      },
      duration: resultTime,
      source: { seed, paragraph: 'п. 7.12 (9 үдерiс); Annex 2, Table 2 col. 9' },
    },
  ];
}

const centre = ['serviceCentre' as const];

/**
 * Diagram No. 3 (п. 8) with Table 3 times. Table 3 ends after action 5: the later steps have no time of their own,
 * and the provider's check (2-шарт) is bound by the kind's result time (Table 2 col. 9, also Table 1 col. 11).
 */
const operatorSteps = (resultTime: Duration): Step[] => [
  {
    id: 'd3-login',
    on: { channels: centre },
    actor: actors.operator,
    action: {
      kk: 'ХҚКО АЖ АЖО Орталығы операторының қызмет көрсету үшін логин мен паролін енгізу',
      ru: 'Оператор ЦОН вводит логин и пароль в АРМ ИС ЦОН (авторизация)',
      en: 'The ЦОН operator enters login and password in the ЦОН IS workstation (authorisation)',
    },
    // «30 сек – 1 минута» mixes units; the schema has one unit per duration, so 1 minute is kept as 60 seconds.
    duration: { amount: 30, maxAmount: 60, unit: 'seconds', source: t3(1, '30 сек – 1 минута') },
    source: { seed, paragraph: 'п. 8.1 (1-үдеріс); Table 3 col. 1 actor «ХҚКО АЖ АРМ»' },
  },
  {
    id: 'd3-select-service',
    on: { channels: centre },
    actor: actors.operator,
    action: {
      kk: 'Орталықтың операторымен осы Регламентте көрсетілген қызметті таңдауы, экранға қызмет көрсетудің ұсыным үлгісінің шығуы және Орталықтың операторымен тұтынушының мәліметтерін енгізу',
      ru: 'Оператор ЦОН выбирает услугу, на экран выводится форма запроса, оператор вводит данные потребителя',
      en: "The ЦОН operator selects the service, the request form is shown and the operator enters the consumer's data",
    },
    duration: { amount: 30, unit: 'seconds', source: t3(2, '30 сек') },
    source: { seed, paragraph: 'п. 8.2 (2-үдеріс)' },
  },
  {
    id: 'd3-send-to-databases',
    on: { channels: centre },
    actor: actors.operator,
    action: {
      kk: 'Ұсынымды МДҚ ЖТ/ МДҚ ЗТ, ЕНИС жолдау',
      ru: 'Отправка запроса в ГБД ФЛ/ГБД ЮЛ, ЕНИС (через ШЭП)',
      en: 'Send the request to the Individuals / Legal-entities state databases and ЕНИС (via the gateway)',
    },
    duration: { amount: 1.5, unit: 'minutes', source: t3(3, '1,5 мин') },
    source: { seed, paragraph: 'п. 8.3 (3-үдеріс); Table 3 col. 3 adds ЕНИС, not expanded in the seed' },
  },
  {
    id: 'd3-data-unavailable',
    on: { channels: centre, outcomes: ['returned'] },
    actor: actors.stateDatabasesEnis,
    action: {
      kk: 'МДҚ ЖТ/МДҚ ЗТ тұтынушының мәліметтерінің болмауына байланысты мәліметтерді алу мүмкіндігінің болмауы туралы хабарламаны қалыптастыру',
      ru: 'Сообщение о невозможности получения данных потребителя; формируется мотивированный возврат (ветвь при неудаче 1-шарт)',
      en: "Message that the consumer's data cannot be obtained; a reasoned return is formed (branch when condition 1 fails)",
    },
    duration: { amount: 1.5, unit: 'minutes', source: t3(4, '1,5 мин') },
    source: { seed, paragraph: 'п. 8.4–8.5 (1-шарт, 4-үдеріс); Table 3 col. 4 «Негізделіп кері қайтаруды қалыптастыру»' },
  },
  {
    id: 'd3-fill-scan-sign',
    after: ['d3-send-to-databases'],
    on: { channels: centre },
    actor: actors.operator,
    action: {
      kk: 'құжаттарды көшіріп алу, оларды ұсыным нысанына бекіту және қызмет көрсетудің ұсыным нысанының толтырылғанын ЭЦҚ арқылы көз жеткізу',
      ru: 'Отметка о бумажных документах, копирование (сканирование) документов, прикрепление к форме запроса и удостоверение заполненного запроса ЭЦП',
      en: 'Mark documents held on paper, copy (scan) them, attach them to the request form and certify the completed request with EDS',
    },
    duration: { amount: 30, maxAmount: 60, unit: 'seconds', source: t3(5, '30 сек – 1 минута') },
    source: { seed, paragraph: 'п. 8.6 (5-үдеріс); Table 3 col. 5 «ЭЦҚ растау»' },
  },
  {
    id: 'd3-submit',
    on: { channels: centre },
    actor: actors.operator,
    action: {
      kk: 'ЭЦҚ арқылы көз жеткізілген (қол қойылған) электронды құжаттарды (тұтынушының ұсынымы) Орталықтың операторы арқылы ЭҮШ',
      ru: 'Отправка оператором подписанных ЭЦП электронных документов (запроса потребителя) через ШЭП в ИС ГБД «Е-лицензирование»',
      en: 'The operator sends the EDS-signed electronic documents (the consumer\'s request) via the gateway to E-licensing',
    },
    duration: null,
    source: { seed, paragraph: 'п. 8.7 (6 үдеріс); no Table 3 row' },
  },
  {
    id: 'd3-register',
    on: { channels: centre },
    actor: actors.eLicensing,
    action: {
      kk: '«Е-лицензиялау» МДҚ АЖ электрондық құжатты тіркеу',
      ru: 'Регистрация электронного документа в ИС ГБД «Е-лицензирование»',
      en: 'The E-licensing IS registers the electronic document',
    },
    duration: null,
    source: { seed, paragraph: 'п. 8.8 (7-үдеріс); no Table 3 row' },
  },
  {
    id: 'd3-document-check',
    on: { channels: centre },
    limit: resultTime,
    actor: { kk: 'қызмет беруші', ru: 'Услугодатель', en: 'Service provider' },
    action: {
      kk: 'Стандартта көрсетілген және қызмет көрсетуге негіз болып табылатын тұтынушының ұсынған құжаттарын қызмет берушінің сәйкес келуін тексеруі',
      ru: 'Услугодатель проверяет (обрабатывает) представленные документы на соответствие Стандарту и основаниям оказания услуги',
      en: 'The provider checks (re-processes) the submitted documents against the Standard and the grounds for the service',
    },
    duration: null,
    source: { seed, paragraph: 'п. 8.9 (2-шарт); no Table 3 row' },
  },
  {
    id: 'd3-refusal',
    on: { channels: centre, outcomes: ['refused'] },
    actor: actors.eLicensing,
    action: {
      kk: 'тұтынушының ұсынған құжаттарында бұзушылықтар болуына байланысты сұратылып отырған қызметтен бас тарту туралы хабарламаны қалыптастыру',
      ru: 'Сообщение об отказе из-за нарушений в представленных документах (ветвь при неудаче 2-шарт)',
      en: 'Refusal message for faults in the documents submitted (branch when condition 2 fails)',
    },
    duration: null,
    source: { seed, paragraph: 'п. 8.10 (8-үдеріс); no Table 3 row' },
  },
  {
    id: 'd3-handover',
    after: ['d3-document-check'],
    on: { channels: centre, outcomes: ['granted'] },
    actor: actors.operator,
    action: {
      kk: '«Е-лицензиялау» МДҚ АЖ қалыптасқан Орталық операторы арқылы көрсетілетін қызметті (электронды лицензия) тұтынушының алуы',
      ru: 'Потребитель получает через оператора ЦОН результат (электронную лицензию), сформированный в ИС ГБД «Е-лицензирование»',
      en: 'The consumer receives the result (electronic license) formed in E-licensing through the ЦОН operator',
    },
    duration: null,
    source: { seed, paragraph: 'п. 8.11 (9-үдеріс); no Table 3 row' },
  },
];

const checklist: Kind['checklist'] = [
  {
    id: 'request-form',
    kind: 'application',
    name: { kk: 'ұсыным нысаны', ru: 'Форма запроса', en: 'Request form' },
    required: true,
    note: 'Filled in by the operator (ЦОН) or provider employee; the request/response forms are those shown in E-licensing (п. 9).',
    source: { seed, paragraph: 'п. 8.6 (5-үдеріс); п. 7.8; п. 9' },
  },
  {
    id: 'standard-documents',
    kind: 'standardDocuments',
    name: { kk: 'қажеттi құжаттар', ru: 'Необходимые документы по пункту 11 Стандарта', en: 'Documents required by para 11 of the Standard' },
    required: true,
    note: 'The regulation defers to para 11 of the Standard (Government Decree No. 83 of 17.01.2012), which is not included; no list is given.',
    // The source line has «11-тармағында» displaced to the line end (extraction notes).
    source: { seed, paragraph: 'п. 6.5 (3 үдерiс)', quote: 'Стандарттың 11-тармағында көрсетiлген қажеттi құжаттарды' },
  },
];

const kindSource = (extra: string) => ({ seed, paragraph: 'regulation title; Annex 2, Table 2 col. 9', quote: `${capQuote}. ${extra}` });

function kind(id: 'issue' | 'reissue', name: Localized, days: number): Kind {
  const cap: Duration = { amount: days, unit: 'workingDays', source: { seed, paragraph: 'Annex 2, Table 2 col. 9 (also Table 1 col. 11)', quote: `${capQuote}. ${capPairing}` } };
  return {
    id,
    name,
    // The seed lists no re-issue grounds (they are in the Standard / licensing law).
    grounds: [],
    resultCap: cap,
    steps: [...operatorSteps(cap), ...providerSteps(cap)],
    checklist,
    source: kindSource(id === 'reissue' ? 'No re-issue grounds are listed in the seed.' : 'No duplicate or annex is provided for.'),
  };
}

export const seed004Services: ServiceInput[] = [
  {
    id: 'seed004.monuments-works-license',
    availability: 'available',
    name: {
      kk: 'Тарих және мәдениет ескерткіштерінде археологиялық және (немесе) ғылыми-реставрациялау жұмыстарын жүзеге асыру жөніндегі қызметке лицензияны беру, қайта ресімдеу',
      ru: 'Выдача, переоформление лицензии на деятельность по осуществлению археологических и (или) научно-реставрационных работ на памятниках истории и культуры',
      en: 'Issuance and re-issuance of a license for archaeological and/or scientific-restoration works on monuments of history and culture',
    },
    provider: {
      kk: 'Қазақстан Республикасы Мәдениет және ақпарат министрлігінің Мәдениет комитеті',
      ru: 'Комитет культуры Министерства культуры и информации Республики Казахстан',
      en: 'Committee for Culture, Ministry of Culture and Information of the Republic of Kazakhstan',
    },
    legalBasis: {
      act: {
        kk: '"Тарих және мәдениет ескерткіштерінде археологиялық және (немесе) ғылыми-реставрациялау жұмыстарын жүзеге асыру жөніндегі қызметке лицензия беру, қайта ресімдеу беру" электрондық мемлекеттік қызмет көрсету регламентін бекіту туралы',
        ru: 'Об утверждении регламента электронной государственной услуги «Выдача, переоформление лицензии на деятельность по осуществлению археологических и (или) научно-реставрационных работ на памятниках истории и культуры»',
        en: 'On approval of the regulation of the electronic state service "Issuance, re-issuance of a license for archaeological and/or scientific-restoration works on monuments of history and culture"',
      },
      number: '159',
      date: '2012-09-28',
      registration: { number: '8069', date: '2012-11-08' },
      repealedBy: 'Order No. 1 of the Minister of Culture of the RK of 18.03.2014 (in force 10 calendar days after first official publication)',
      source: {
        seed,
        paragraph: 'order header and «Ескерту» notes',
        quote: 'Title, п. 1 and the regulation restated by Order No. 223 of 26.12.2012; basis: Law "On informatization" Art. 29 para 2, Gov. Decree No. 1116; Standard: Gov. Decree No. 83 of 17.01.2012.',
      },
    },
    channels: [
      {
        kind: 'providerOffice',
        note: '010000, Astana, Orynbor st. 8, "House of Ministries", entrance 15, office 527; Diagram No. 2.',
        source: { seed, paragraph: 'п. 1; п. 7', quote: '010000, Астана қаласы, Орынбор көшесі, № 8' },
      },
      {
        kind: 'serviceCentre',
        note: 'Public service centres (ХҚКО/ЦОН); Diagram No. 3, Table 3.',
        source: { seed, paragraph: 'п. 1; п. 8', quote: 'халыққа қызмет көрсету орталықтары (әрі қарай – орталықтар)' },
      },
      {
        kind: 'portal',
        note: 'www.e.gov.kz, only if the recipient has an EDS; Diagram No. 1.',
        source: { seed, paragraph: 'п. 1; п. 6', quote: '«электрондық үкімет» веб-порталы: www.e.gov.kz' },
      },
      {
        kind: 'eLicensingPortal',
        note: 'www.elicense.kz, only if the recipient has an EDS.',
        source: { seed, paragraph: 'п. 1', quote: '«Е-лицензиялау» веб-порталы: www.elicense.kz' },
      },
    ],
    // «және (немесе)» (and/or): either kind of works, or both.
    subtypes: [
      { id: 'archaeological', name: { kk: 'археологиялық', ru: 'Археологические работы', en: 'Archaeological works' }, source: { seed, paragraph: 'regulation title', quote: 'археологиялық және (немесе) ғылыми-реставрациялау жұмыстарын' } },
      { id: 'scientific-restoration', name: { kk: 'ғылыми-реставрациялау', ru: 'Научно-реставрационные работы', en: 'Scientific-restoration works' }, source: { seed, paragraph: 'regulation title', quote: 'археологиялық және (немесе) ғылыми-реставрациялау жұмыстарын' } },
    ],
    kinds: [
      kind('issue', { kk: 'лицензияны беру', ru: 'Выдача лицензии', en: 'Issuance of a license' }, 15),
      kind('reissue', { kk: 'лицензияны қайта ресімдеу', ru: 'Переоформление лицензии', en: 'Re-issuance of a license' }, 10),
    ],
    results: [
      {
        id: 'electronic-license',
        name: { kk: 'электрондық лицензия', ru: 'Электронная лицензия', en: 'Electronic license' },
        source: { seed, paragraph: 'п. 5.16; п. 14, Annex 3 form 1 «Лицензия нысаны»', quote: 'signed with the EDS of the provider\'s authorised person; equivalent to a paper license' },
      },
      {
        id: 'license-copy',
        name: { kk: 'лицензия көшірмесі', ru: 'Копия лицензии', en: 'Copy of the license' },
        source: { seed, paragraph: 'Annex 2, Table 1 col. 11 completion form', quote: '«Электрондық лицензия, лицензия көшірмесі»: named only here, meaning not explained' },
      },
    ],
    refusals: [
      {
        id: 'reasoned-refusal',
        name: { kk: 'Негізделген бас тарту', ru: 'Мотивированный отказ', en: 'Reasoned refusal' },
        source: { seed, paragraph: 'п. 14, Annex 3 form 2 «Негізделген бас тартудың нысаны»', quote: 'carries «[Бас тарту себебі]» (reason for refusal)' },
      },
      {
        id: 'documents-irregularities',
        name: {
          kk: 'тұтынушының ұсынған құжаттарында бұзушылықтар болуына байланысты сұратылып отырған қызметтен бас тарту',
          ru: 'Отказ из-за нарушений в представленных документах',
          en: 'Refusal for faults in the documents submitted',
        },
        source: { seed, paragraph: 'п. 8.10 (8-үдеріс)' },
      },
      {
        id: 'data-irregularities',
        name: {
          kk: 'алушының деректерiнде бұзушылықтардың болуымен байланысты сұрау салынған электрондық мемлекеттiк қызметтi көрсетуден бас тарту',
          ru: 'Отказ из-за нарушений в данных получателя (не пройдена проверка квалификационных требований и оснований)',
          en: "Refusal for irregularities in the recipient's data (qualification requirements / grounds not met)",
        },
        source: { seed, paragraph: 'п. 7.11 (8 үдерiс) after 3 шарт; п. 6.15 (10 үдерiс)' },
      },
      {
        id: 'data-unavailable',
        name: {
          kk: 'Негізделіп кері қайтаруды қалыптастыру',
          ru: 'Мотивированный возврат: данные потребителя не получены из ГБД ФЛ/ГБД ЮЛ, ЕНИС',
          en: "Reasoned return: the consumer's data could not be obtained from the state databases / ЕНИС",
        },
        source: { seed, paragraph: 'Annex 2, Table 3 col. 4; п. 8.5 (4-үдеріс)' },
      },
      {
        id: 'no-payment',
        name: {
          kk: 'төлемақының жоқтығына байланысты сұрау салынған электрондық мемлекеттiк қызметтен бас тарту',
          ru: 'Отказ из-за отсутствия оплаты (только портал)',
          en: 'Refusal: no payment (portal only)',
        },
        source: { seed, paragraph: 'п. 6.8 (5 үдерiс)' },
      },
      {
        id: 'eds-not-confirmed',
        name: {
          kk: 'алушының ЭЦҚ шынайылығының расталмауымен байланысты сұрау салынған электрондық мемлекеттiк қызметтен бас тарту',
          ru: 'Отказ из-за неподтверждения подлинности ЭЦП получателя (только портал)',
          en: "Refusal: the recipient's EDS is not confirmed (portal only)",
        },
        source: { seed, paragraph: 'п. 6.11 (7 үдерiс)' },
      },
    ],
    recipients: {
      kinds: ['individual', 'legalEntity'],
      source: { seed, paragraph: 'п. 5.8 (definition of қызмет көрсетілуші)', quote: 'электронды қызмет көрсетілетін жеке немесе заңды тұлға' },
    },
    form: {
      electronic: true,
      paper: false,
      automation: 'partial',
      source: { seed, paragraph: 'п. 3', quote: 'жартылай автоматтандырылған' },
    },
    payment: {
      // The gateway is the only way the text names, checked in E-licensing: the payment reference is the evidence.
      rule: 'gatewayOnly',
      note: 'Paid through the e-government payment gateway (ЭҮТШ) and checked in E-licensing, which refuses the request without it (п. 6.6–6.8); п. 18.5 asks for a bank card or account to pay with. Diagrams 2 and 3 (provider, ЦОН) have no payment step of their own. No amount and no receipt are mentioned.',
      source: { seed, paragraph: 'п. 6.6 (4 үдерiс); п. 6.7–6.8; п. 18.5', quote: 'ЭҮТШ-те электрондық мемлекеттiк қызмет төлемақысын жасау' },
    },
    source: { seed, paragraph: 'regulation title; п. 1', quote: 'Name variants: order title «…лицензия беру, қайта ресімдеу беру»; п. 1 of the order «…лицензияны қайта ресімдеу беру»; п. 1 of the regulation «…қайта рәсімдеу».' },
  },
];
