// Kazakhstan public holidays and transfers of days off, 2024–2027, as data.
// Statutory rules: Labour Code art. 84–85 and the Law "On holidays in the Republic of Kazakhstan".
// Per-year facts that are announced rather than fixed by law (Kurban Ait, transfers, the 2026
// change of Constitution Day) carry a status and their sources, so the UI can say what is pending.

/** Civil date as 'YYYY-MM-DD' (no time, no zone). */
export type CivilDate = string;

/**
 * confirmed: an official act / ministry statement, reported by the cited sources.
 * reported: news attributing it to the ministry; no act text seen.
 * expected: statutory or astronomical projection, not yet announced.
 * notConfirmed: nothing found; the calendar applies only the statutory rules.
 */
export type FactStatus = 'confirmed' | 'reported' | 'expected' | 'notConfirmed';

export interface SourceRef {
  title: string;
  /** Absent for statutes cited by name only. */
  url?: string;
  /** Publication date of the source, when known. */
  published?: string;
}

export interface StatutoryHoliday {
  /** 'MM-DD' */
  monthDay: string;
  name: string;
  /** Religious holidays are days off but are NOT moved when they fall on a weekend (LC art. 85). */
  religious: boolean;
}

/** Fixed-date holidays in force for 2024–2027 (Republic Day 25 Oct restored and 17 Dec dropped in 2022). */
export const FIXED_HOLIDAYS: readonly StatutoryHoliday[] = [
  { monthDay: '01-01', name: 'New Year', religious: false },
  { monthDay: '01-02', name: 'New Year', religious: false },
  { monthDay: '01-07', name: 'Orthodox Christmas', religious: true },
  { monthDay: '03-08', name: "International Women's Day", religious: false },
  { monthDay: '03-21', name: 'Nauryz', religious: false },
  { monthDay: '03-22', name: 'Nauryz', religious: false },
  { monthDay: '03-23', name: 'Nauryz', religious: false },
  { monthDay: '05-01', name: 'Unity Day', religious: false },
  { monthDay: '05-07', name: 'Defender of the Fatherland Day', religious: false },
  { monthDay: '05-09', name: 'Victory Day', religious: false },
  { monthDay: '07-06', name: 'Capital Day', religious: false },
  { monthDay: '10-25', name: 'Republic Day', religious: false },
  { monthDay: '12-16', name: 'Independence Day', religious: false },
];

export interface Transfer {
  /** Weekend day that becomes a working day. */
  workingDay: CivilDate;
  /** Working day that becomes a day off. */
  dayOff: CivilDate;
}

export interface YearCalendarData {
  year: number;
  kurbanAit: { date: CivilDate; status: FactStatus; note: string; sources: readonly SourceRef[] };
  /** Constitution Day is per year: the 2026 Constitution moved it from 30 Aug to 15 Mar. null = not a day off this year. */
  constitutionDay: { date: CivilDate | null; status: FactStatus; note: string; sources: readonly SourceRef[] };
  transfers: { status: FactStatus; items: readonly Transfer[]; note: string; sources: readonly SourceRef[] };
}

const LAW: SourceRef = {
  title:
    'Labour Code of the RK of 23 Nov 2015 No. 414-V, art. 84–85; Law of the RK of 13 Dec 2001 No. 267 "On holidays in the Republic of Kazakhstan" (as amended 2022)',
};

export const KZ_CALENDAR_YEARS: readonly YearCalendarData[] = [
  {
    year: 2024,
    kurbanAit: {
      date: '2024-06-16',
      status: 'confirmed',
      note: 'The ministry calendar first said 17 Jun; the Spiritual Administration of Muslims (DUMK) fixed 16 Jun (Sunday), so 17 Jun stayed a working day.',
      sources: [
        {
          title: 'Қазақстандықтар Құрбан айтта демалмайды: Еңбек министрлігі себебін түсіндірді (altyalash.kz)',
          url: 'https://altyalash.kz/2024/06/07/aza-standy-tar-rban-ajtta-demalmajdy-e-bek-ministrligi-sebebin-t-sindirdi/?lang=kz',
          published: '2024-06-07',
        },
      ],
    },
    constitutionDay: { date: '2024-08-30', status: 'confirmed', note: 'Statutory date (Friday).', sources: [LAW] },
    transfers: {
      status: 'confirmed',
      items: [{ workingDay: '2024-05-04', dayOff: '2024-05-08' }],
      note: 'Order of the Minister of Labour of 17 Apr 2024 "On the transfer of a day of rest in 2024" (LC art. 85 p. 3). No other 2024 transfer found.',
      sources: [
        {
          title: 'Выходной перенесли с 4 на 8 мая - Минтруда подписало приказ (Sputnik Kazakhstan)',
          url: 'https://m.ru.sputniknews.kz/20240418/vykhodnoy-perenesli-s-4-na-8-maya---mintruda-podpisalo-prikaz-43738035.html',
          published: '2024-04-18',
        },
        {
          title: 'Выходной день официально перенесут на майские праздники в Казахстане (NUR.KZ)',
          url: 'https://www.nur.kz/society/2087000-vyhodnoy-ofitsialno-perenesut-na-mayskie-prazdniki',
          published: '2024-04-18',
        },
      ],
    },
  },
  {
    year: 2025,
    kurbanAit: {
      date: '2025-06-06',
      status: 'confirmed',
      note: 'Ministry of Labour official answer citing DUMK: 6 Jun (Friday) is a day off.',
      sources: [
        {
          title: 'В июне 2025 года казахстанцев ожидает дополнительный выходной день (Caravan.kz)',
          url: 'https://www.caravan.kz/amp/news/v-ijune-2025-goda-kazahstancev-ozhidaet-dopolnitelnyj-vyhodnoj-den',
        },
      ],
    },
    constitutionDay: { date: '2025-08-30', status: 'confirmed', note: 'Statutory date (Saturday, day off moved to Mon 1 Sep).', sources: [LAW] },
    transfers: {
      status: 'confirmed',
      items: [{ workingDay: '2025-01-05', dayOff: '2025-01-03' }],
      note: 'Order of the Minister of Labour of 21 Nov 2024 No. 436 "On the transfer of a day of rest in 2025": Sunday 5 Jan worked for Friday 3 Jan. The ministry said no other transfers were planned (June 2025); 8 May was deliberately not bridged.',
      sources: [
        {
          title: 'В июне 2025 года казахстанцев ожидает дополнительный выходной день (Caravan.kz, quoting the ministry)',
          url: 'https://www.caravan.kz/amp/news/v-ijune-2025-goda-kazahstancev-ozhidaet-dopolnitelnyj-vyhodnoj-den',
        },
        {
          title: 'Как будут отдыхать казахстанцы в январе 2025-го (Kursiv)',
          url: 'https://kz.kursiv.media/2024-12-23/lsbs-vyhodnye',
          published: '2024-12-23',
        },
        {
          title: 'Почему казахстанцам не дали отдохнуть четыре дня подряд на майские праздники (Informburo)',
          url: 'https://informburo.kz/novosti/pocemu-kazaxstancam-ne-dali-otdoxnut-cetyre-dnia-podriad-na-maiskie-prazdniki-dovody-mintruda',
        },
      ],
    },
  },
  {
    year: 2026,
    kurbanAit: {
      date: '2026-05-27',
      status: 'expected',
      note: 'DUMK calendar and the e-gov holiday calendar give 27 May (Wednesday); DUMK warns it may shift by one day with the new moon. Final announcement not seen.',
      sources: [
        {
          title: 'ДУМК объявило даты мусульманских праздников на 2026 год (Kazpravda)',
          url: 'https://kazpravda.kz/n/dumk-obyavilo-daty-musulmanskih-prazdnikov-na-2026-god/',
          published: '2026-01-14',
        },
        {
          title: 'Как будут отдыхать казахстанцы в 2026 году (Kazinform, from the e-gov calendar)',
          url: 'https://www.inform.kz/ru/kak-budut-otdihat-kazahstantsi-v-2026-godu-947dd6',
          published: '2026-01-02',
        },
      ],
    },
    constitutionDay: {
      date: null,
      status: 'reported',
      note: 'The new Constitution adopted by referendum on 15 Mar 2026 makes the referendum day Constitution Day; the Ministry of Labour was reported as saying 30 Aug 2026 is no longer a day off (the e-gov calendar of Jan 2026 still showed 30 Aug -> 31 Aug). Treated as a working day, which errs towards earlier deadlines.',
      sources: [
        {
          title: 'В этом году казахстанцы не будут отдыхать 30 августа (Taspanews, citing MTSZN)',
          url: 'https://taspanews.kz/novosti-kazakhstana/v-etom-godu-u-kazakhstantsev-ne-budet-odnogo-vykhodnogo-795514517615',
          published: '2026-03-18',
        },
        {
          title: '87,15 % граждан Казахстана одобрили новую Конституцию — ЦИК (Echo FM)',
          url: 'https://echofm.online/news/8715-grazhdan-kazahstana-odobrili-novuyu-konstitucziyu-czik',
          published: '2026-03-16',
        },
      ],
    },
    transfers: {
      status: 'confirmed',
      items: [],
      note: 'The e-gov calendar for 2026 lists only the statutory moves (9 Mar, 24–25 Mar, 11 May, 26 Oct); no transfer order found (sources up to Mar 2026). A later order is still possible.',
      sources: [
        {
          title: 'Как будут отдыхать казахстанцы в 2026 году (Kazinform)',
          url: 'https://www.inform.kz/ru/kak-budut-otdihat-kazahstantsi-v-2026-godu-947dd6',
          published: '2026-01-02',
        },
        {
          title: 'Переносы выходных: праздничный календарь Казахстана на 2026 год (alau.kz)',
          url: 'https://alau.kz/perenosy-vyhodnyh-prazdnichnyj-kalendar-kazahstana-na-2026-god/',
          published: '2026-01-02',
        },
      ],
    },
  },
  {
    year: 2027,
    kurbanAit: {
      date: '2027-05-16',
      status: 'expected',
      note: 'Astronomical expectation (Sunday); not announced. If it shifts to Monday 17 May, that day becomes a day off.',
      sources: [],
    },
    constitutionDay: {
      date: '2027-03-15',
      status: 'expected',
      note: 'New Constitution (art. 94): referendum day 15 Mar is Constitution Day, celebrated from 2027 per the ministry; amended holiday law not seen. 30 Aug is not a holiday.',
      sources: [
        {
          title: 'В этом году казахстанцы не будут отдыхать 30 августа (Taspanews, citing MTSZN)',
          url: 'https://taspanews.kz/novosti-kazakhstana/v-etom-godu-u-kazakhstantsev-ne-budet-odnogo-vykhodnogo-795514517615',
          published: '2026-03-18',
        },
      ],
    },
    transfers: {
      status: 'notConfirmed',
      items: [],
      note: 'No transfer order for 2027 found; only statutory weekend moves are applied.',
      sources: [],
    },
  },
];

export const STATUTORY_SOURCE = LAW;

export const FIRST_YEAR = 2024;
export const LAST_YEAR = 2027;

export interface PendingFact {
  year: number;
  fact: 'kurbanAit' | 'constitutionDay' | 'transfers';
  status: FactStatus;
  note: string;
}

/** Facts the UI/README should show as not (yet) officially confirmed. */
export function pendingFacts(): PendingFact[] {
  const out: PendingFact[] = [];
  for (const y of KZ_CALENDAR_YEARS) {
    for (const fact of ['kurbanAit', 'constitutionDay', 'transfers'] as const) {
      const f = y[fact];
      if (f.status !== 'confirmed') out.push({ year: y.year, fact, status: f.status, note: f.note });
    }
  }
  return out;
}
