/**
 * The request form for a service and request kind, derived from the catalog: the applicant and representative
 * sections are the same for every service, the license and documents sections follow the service's subtypes and
 * the kind's grounds and checklist. No service has a hand-written form.
 */
import type { Localized, RequestKind, Service } from '../catalog/catalogSchema';
import { YES, type Condition, type FieldType, type FormDefinition, type FormField, type FormSection } from './formSchema';

export const APPLICANT_INDIVIDUAL = 'individual';
export const APPLICANT_LEGAL_ENTITY = 'legalEntity';

const text = {
  applicant: { kk: 'Өтініш беруші', ru: 'Заявитель', en: 'Applicant' },
  applicantType: { kk: 'Өтініш берушінің түрі', ru: 'Тип заявителя', en: 'Applicant type' },
  individual: { kk: 'Жеке тұлға', ru: 'Физическое лицо', en: 'Individual' },
  legalEntity: { kk: 'Заңды тұлға', ru: 'Юридическое лицо', en: 'Legal entity' },
  iin: { kk: 'ЖСН', ru: 'ИИН', en: 'IIN' },
  iinHint: { kk: 'Жеке сәйкестендіру нөмірі, 12 цифр', ru: 'Индивидуальный идентификационный номер, 12 цифр', en: 'Individual identification number, 12 digits' },
  surname: { kk: 'Тегі', ru: 'Фамилия', en: 'Surname' },
  givenName: { kk: 'Аты', ru: 'Имя', en: 'Given name' },
  patronymic: { kk: 'Әкесінің аты', ru: 'Отчество', en: 'Patronymic' },
  ifAny: { kk: 'Бар болса', ru: 'При наличии', en: 'If any' },
  address: { kk: 'Тұрғылықты жерінің мекенжайы', ru: 'Адрес места жительства', en: 'Residential address' },
  phone: { kk: 'Байланыс телефоны', ru: 'Контактный телефон', en: 'Contact phone' },
  birthDate: { kk: 'Туған күні (жеке куәліктен)', ru: 'Дата рождения (по удостоверению)', en: 'Date of birth (from the ID card)' },
  birthDateMismatch: {
    kk: 'Туған күні ЖСН-дағы күнмен сәйкес емес — ЖСН-ды немесе күнді тексеріңіз',
    ru: 'Дата рождения не совпадает с датой в ИИН — проверьте ИИН или дату',
    en: 'The date of birth does not match the one in the IIN — check the IIN or the date',
  },
  phoneHint: { kk: 'Мысалы: +7 701 234 56 78', ru: 'Например: +7 701 234 56 78', en: 'For example: +7 701 234 56 78' },
  bin: { kk: 'БСН', ru: 'БИН', en: 'BIN' },
  binHint: { kk: 'Бизнес-сәйкестендіру нөмірі, 12 цифр', ru: 'Бизнес-идентификационный номер, 12 цифр', en: 'Business identification number, 12 digits' },
  organisationName: { kk: 'Ұйымның атауы', ru: 'Наименование организации', en: 'Organisation name' },
  headFullName: { kk: 'Басшының тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество руководителя', en: 'Full name of the head of the organisation' },
  legalAddress: { kk: 'Заңды мекенжайы', ru: 'Юридический адрес', en: 'Legal address' },
  representative: { kk: 'Өкіл', ru: 'Представитель', en: 'Representative' },
  hasRepresentative: {
    kk: 'Өтінішті сенімхат бойынша өкіл тапсырады',
    ru: 'Заявление подаёт представитель по доверенности',
    en: 'A representative submits the application under a power of attorney',
  },
  representativeIin: { kk: 'Өкілдің ЖСН', ru: 'ИИН представителя', en: "Representative's IIN" },
  representativeIsApplicant: {
    kk: 'Өкіл мен өтініш берушінің ЖСН бірдей болмауы керек',
    ru: 'ИИН представителя не должен совпадать с ИИН заявителя',
    en: "The representative's IIN must differ from the applicant's",
  },
  representativeFullName: { kk: 'Өкілдің тегі, аты, әкесінің аты', ru: 'Фамилия, имя, отчество представителя', en: "Representative's full name" },
  powerOfAttorneyNumber: { kk: 'Сенімхаттың нөмірі', ru: 'Номер доверенности', en: 'Power of attorney number' },
  // Seed 004 Table 3: the centre's operator sends the query to ЕНИС, the notaries' system.
  powerOfAttorneyHint: {
    kk: 'Оператор сенімхатты ЕНИС (бірыңғай нотариаттық ақпараттық жүйе) арқылы тексереді',
    ru: 'Оператор проверяет доверенность в ЕНИС (единой нотариальной информационной системе)',
    en: 'The operator checks the power of attorney in ENIS, the unified notarial information system',
  },
  powerOfAttorneyDate: { kk: 'Сенімхаттың берілген күні', ru: 'Дата выдачи доверенности', en: 'Power of attorney date' },
  license: { kk: 'Лицензия', ru: 'Лицензия', en: 'License' },
  subtype: { kk: 'Лицензияланатын қызметтің кіші түрі', ru: 'Подвид лицензируемого вида деятельности', en: 'Subtype of the licensed activity' },
  reissueGround: { kk: 'Қайта ресімдеу негізі', ru: 'Основание для переоформления', en: 'Ground for re-issuance' },
  licenseNumber: { kk: 'Лицензияның нөмірі', ru: 'Номер лицензии', en: 'License number' },
  // Seed 004 Diagram 3, process 5.
  documents: {
    kk: 'Құжаттардың қағаз түрінде бар болуы жайлы белгі',
    ru: 'Отметка о наличии документов на бумажном носителе',
    en: 'Documents presented on paper',
  },
  // Seed 001/003: the fee is paid through the payment gateway (ЭҮТШ) or shown by a receipt the operator scans.
  payment: { kk: 'Төлем', ru: 'Оплата', en: 'Payment' },
  paymentMethod: { kk: 'Лицензиялық алымның төленуі', ru: 'Оплата лицензионного сбора', en: 'Payment of the license fee' },
  paymentByGateway: { kk: 'ЭҮТШ арқылы (төлем нөмірі)', ru: 'Через ПШЭП (номер платежа)', en: 'Through the payment gateway (payment reference)' },
  paymentByReceipt: { kk: 'Түбіртек (сканерленеді)', ru: 'Квитанция (сканируется)', en: 'Receipt (scanned)' },
  paymentReference: { kk: 'Төлем нөмірі', ru: 'Номер платежа', en: 'Payment reference' },
  paymentReferenceHint: { kk: 'Төлем шлюзінің 10 цифрлы нөмірі', ru: '10-значный номер платежа в платёжном шлюзе', en: "The payment gateway's 10-digit reference" },
} satisfies Record<string, Localized>;

export const PAYMENT_BY_GATEWAY = 'gateway';
export const PAYMENT_BY_RECEIPT = 'receipt';

/** The kinds that act on an existing license, so the operator records its number; the hint says which license. */
const existingLicenseHints: Partial<Record<RequestKind['id'], Localized>> = {
  reissue: { kk: 'Қайта ресімделетін лицензияның нөмірі', ru: 'Номер переоформляемой лицензии', en: 'Number of the license being re-issued' },
  duplicate: { kk: 'Телнұсқасы берілетін лицензияның нөмірі', ru: 'Номер лицензии, дубликат которой выдаётся', en: 'Number of the license to be duplicated' },
  annex: { kk: 'Қосымшасы берілетін лицензияның нөмірі', ru: 'Номер лицензии, к которой выдаётся приложение', en: 'Number of the license the annex belongs to' },
};

const asIndividual: Condition = { field: 'applicantType', equals: APPLICANT_INDIVIDUAL };
const asLegalEntity: Condition = { field: 'applicantType', equals: APPLICANT_LEGAL_ENTITY };
const withRepresentative: Condition = { field: 'hasRepresentative', equals: YES };

/** Required unless `extra` says otherwise: most answers on a license application are. */
const field = (id: string, type: FieldType, label: Localized, extra: Partial<FormField> = {}): FormField => ({ id, type, label, required: true, ...extra });

const choicesOf = (entries: { id: string; name: Localized }[]) => entries.map((entry) => ({ value: entry.id, label: entry.name }));

const applicantSection: FormSection = {
  id: 'applicant',
  title: text.applicant,
  fields: [
    field('applicantType', 'select', text.applicantType, {
      choices: [
        { value: APPLICANT_INDIVIDUAL, label: text.individual },
        { value: APPLICANT_LEGAL_ENTITY, label: text.legalEntity },
      ],
    }),
    field('iin', 'iin', text.iin, { relevant: asIndividual, hint: text.iinHint }),
    field('surname', 'text', text.surname, { relevant: asIndividual }),
    field('givenName', 'text', text.givenName, { relevant: asIndividual }),
    field('patronymic', 'text', text.patronymic, { relevant: asIndividual, required: false, hint: text.ifAny }),
    field('address', 'text', text.address, { relevant: asIndividual }),
    field('phone', 'phone', text.phone, { relevant: asIndividual, hint: text.phoneHint }),
    // Typed from the ID card and checked against the IIN, which encodes the birth date: catches a mistyped IIN
    // that still passes its check digit.
    field('birthDate', 'date', text.birthDate, {
      relevant: asIndividual,
      required: false,
      constraint: { test: { field: 'birthDate', birthDateOfIin: 'iin' }, message: text.birthDateMismatch },
    }),
    field('bin', 'bin', text.bin, { relevant: asLegalEntity, hint: text.binHint }),
    field('organisationName', 'text', text.organisationName, { relevant: asLegalEntity }),
    field('headFullName', 'text', text.headFullName, { relevant: asLegalEntity }),
    field('legalAddress', 'text', text.legalAddress, { relevant: asLegalEntity }),
  ],
};

const representativeSection: FormSection = {
  id: 'representative',
  title: text.representative,
  fields: [
    field('hasRepresentative', 'boolean', text.hasRepresentative, { required: false }),
    field('representativeIin', 'iin', text.representativeIin, {
      relevant: withRepresentative,
      constraint: { test: { not: { field: 'representativeIin', sameAs: 'iin' } }, message: text.representativeIsApplicant },
    }),
    field('representativeFullName', 'text', text.representativeFullName, { relevant: withRepresentative }),
    field('powerOfAttorneyNumber', 'text', text.powerOfAttorneyNumber, { relevant: withRepresentative, hint: text.powerOfAttorneyHint }),
    field('powerOfAttorneyDate', 'date', text.powerOfAttorneyDate, { relevant: withRepresentative }),
  ],
};

function licenseFields(service: Service, kind: RequestKind): FormField[] {
  const existingLicenseHint = existingLicenseHints[kind.id];
  return [
    ...(service.subtypes.length > 0 ? [field('subtype', 'select', text.subtype, { choices: choicesOf(service.subtypes) })] : []),
    ...(kind.grounds.length > 0 ? [field('reissueGround', 'select', text.reissueGround, { choices: choicesOf(kind.grounds) })] : []),
    ...(existingLicenseHint ? [field('licenseNumber', 'text', text.licenseNumber, { hint: existingLicenseHint })] : []),
  ];
}

/** The fee fields the service's payment rule asks for; a receipt paid elsewhere is a checklist scan, not a field. */
function paymentFields(service: Service): FormField[] {
  const reference = (extra: Partial<FormField>) => field('paymentReference', 'text', text.paymentReference, { hint: text.paymentReferenceHint, ...extra });
  switch (service.payment?.rule) {
    case 'gatewayOnly':
      return [reference({})];
    case 'gatewayRecordOrReceiptScan':
      return [
        field('paymentMethod', 'select', text.paymentMethod, {
          choices: [
            { value: PAYMENT_BY_GATEWAY, label: text.paymentByGateway },
            { value: PAYMENT_BY_RECEIPT, label: text.paymentByReceipt },
          ],
        }),
        reference({ relevant: { field: 'paymentMethod', equals: PAYMENT_BY_GATEWAY } }),
      ];
    default:
      return [];
  }
}

export const paperMarkId = (itemId: string) => `paper.${itemId}`;

/** A paper mark is a record of what the applicant brought, not a requirement: scans may stand in for paper. */
const paperMarks = (kind: RequestKind): FormField[] => kind.checklist.map((item) => field(paperMarkId(item.id), 'boolean', item.name, { required: false }));

/** The form for one service and request kind, or null when the service has no such kind. Sections without fields are left out. */
export function formFor(service: Service, kindId: string): FormDefinition | null {
  const kind = service.kinds.find((candidate) => candidate.id === kindId);
  if (!kind) return null;
  const sections: FormSection[] = [
    applicantSection,
    representativeSection,
    { id: 'license', title: text.license, fields: licenseFields(service, kind) },
    { id: 'payment', title: text.payment, fields: paymentFields(service) },
    { id: 'documents', title: text.documents, fields: paperMarks(kind) },
  ];
  return { id: `${service.id}:${kind.id}`, sections: sections.filter((section) => section.fields.length > 0) };
}
