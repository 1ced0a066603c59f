/**
 * The service catalog the workstation runs on. Foundation slice: the one service whose regulation has a
 * ЦОН channel (seed 004, Diagram 3 / Table 3). Every fact names the seed file and paragraph it came from.
 */
export interface LocalizedText {
  kk: string;
  ru: string;
  en: string;
}

export interface SourceRef {
  seed: string;
  paragraph: string;
}

export interface RequestKindEntry {
  id: 'issue' | 'reissue';
  name: LocalizedText;
  /** Result deadline in working days, as the seed states it. */
  resultWorkingDays: number;
  source: SourceRef;
}

export interface ServiceEntry {
  id: string;
  /** kk is verbatim from the seed; ru and en are our translations (the seed is Kazakh only). */
  name: LocalizedText;
  provider: LocalizedText;
  kinds: RequestKindEntry[];
  source: SourceRef;
}

export interface Catalog {
  version: string;
  services: ServiceEntry[];
}

export const catalog: Catalog = {
  version: '2026.11.0',
  services: [
    {
      id: 'seed004.monuments-works-license',
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
      kinds: [
        {
          id: 'issue',
          name: { kk: 'Лицензия беру', ru: 'Выдача лицензии', en: 'Issuance' },
          resultWorkingDays: 15,
          source: { seed: 'seed-004', paragraph: 'Annex 2, Table 2 row 9: «15 - жұмыс күн, 10 - жұмыс күн»' },
        },
        {
          id: 'reissue',
          name: { kk: 'Лицензияны қайта ресімдеу', ru: 'Переоформление лицензии', en: 'Re-issuance' },
          resultWorkingDays: 10,
          source: { seed: 'seed-004', paragraph: 'Annex 2, Table 2 row 9: «15 - жұмыс күн, 10 - жұмыс күн»' },
        },
      ],
      source: { seed: 'seed-004', paragraph: 'п. 1 of the regulation; §2.1–2.2 of the extraction' },
    },
  ],
};

export function findService(serviceId: string): ServiceEntry | undefined {
  return catalog.services.find((service) => service.id === serviceId);
}
