/**
 * The few words a form needs beyond its own labels: the empty choice and a message for every problem code.
 * ID-number texts are here rather than taken from messages.iin because a BIN problem must say "BIN".
 */
import type { Localized } from '../catalog/catalogSchema';
import type { Language } from '../i18n/messages';
import type { FieldProblem } from './evaluateForm';
import type { FormField } from './formSchema';

export const formTexts = {
  choose: { kk: '— таңдаңыз —', ru: '— выберите —', en: '— choose —' },
} satisfies Record<string, Localized>;

export const problemTexts: Record<FieldProblem, Localized> = {
  required: { kk: 'Міндетті өріс', ru: 'Обязательное поле', en: 'Required' },
  constraint: { kk: 'Мәні жарамсыз', ru: 'Недопустимое значение', en: 'This value is not allowed' },
  date: { kk: 'Күн дұрыс емес', ru: 'Неверная дата', en: 'Not a valid date' },
  integer: { kk: 'Бүтін сан енгізіңіз', ru: 'Введите целое число', en: 'Enter a whole number' },
  phone: { kk: 'Телефон нөмірі дұрыс емес: +7 және 10 цифр', ru: 'Неверный номер телефона: +7 и 10 цифр', en: 'Not a valid phone number: +7 and 10 digits' },
  choice: { kk: 'Тізімнен таңдаңыз', ru: 'Выберите значение из списка', en: 'Choose a value from the list' },
  tooLong: { kk: 'Мәтін тым ұзын: 500 таңбадан аспауы керек', ru: 'Слишком длинный текст: не более 500 символов', en: 'The text is too long: 500 characters at most' },
  characters: {
    kk: 'Мәтінде көрінбейтін басқару таңбалары бар — мәтінді қолмен қайта теріңіз',
    ru: 'В тексте есть невидимые управляющие символы — наберите текст заново вручную',
    en: 'The text holds invisible control characters — type it again by hand',
  },
  'iin.notTwelveDigits': { kk: 'ЖСН 12 цифрдан тұруы керек', ru: 'ИИН должен состоять из 12 цифр', en: 'An IIN has 12 digits' },
  'iin.badDate': { kk: 'ЖСН-дағы туған күн дұрыс емес', ru: 'Дата рождения в ИИН неверна', en: 'The birth date in the IIN is wrong' },
  'iin.isBin': {
    kk: 'Бұл БСН (заңды тұлғаның нөмірі), ал мұнда жеке тұлғаның ЖСН-і керек',
    ru: 'Это БИН (номер юридического лица), а здесь нужен ИИН физического лица',
    en: 'This is a BIN (a legal entity’s number); an individual’s IIN is needed here',
  },
  'iin.badCentury': { kk: 'ЖСН-ның 7-цифры дұрыс емес', ru: 'Неверная 7-я цифра ИИН', en: 'The 7th digit of the IIN is wrong' },
  'iin.badChecksum': {
    kk: 'ЖСН бақылау цифры сәйкес емес — нөмірді тексеріңіз',
    ru: 'Контрольная цифра ИИН не сходится — проверьте номер',
    en: 'The IIN check digit does not match — check the number',
  },
  'bin.notTwelveDigits': { kk: 'БСН 12 цифрдан тұруы керек', ru: 'БИН должен состоять из 12 цифр', en: 'A BIN has 12 digits' },
  'bin.badDate': { kk: 'БСН-дағы тіркеу айы дұрыс емес', ru: 'Месяц регистрации в БИН неверен', en: 'The registration month in the BIN is wrong' },
  'bin.badBinType': { kk: 'БСН-дағы заңды тұлға түрі дұрыс емес', ru: 'Тип юридического лица в БИН неверен', en: 'The entity type digit in the BIN is wrong' },
  'bin.badChecksum': {
    kk: 'БСН бақылау цифры сәйкес емес — нөмірді тексеріңіз',
    ru: 'Контрольная цифра БИН не сходится — проверьте номер',
    en: 'The BIN check digit does not match — check the number',
  },
};

/** A constraint speaks for itself through its own message; every other problem goes through the caller's wording. */
export const problemMessage = (field: FormField, problem: FieldProblem, language: Language, problemText: (code: FieldProblem) => string): string =>
  problem === 'constraint' && field.constraint ? field.constraint.message[language] : problemText(problem);
