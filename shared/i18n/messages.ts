/**
 * Every word the operator reads, in Kazakh, Russian and English. The renderer feeds these to i18next;
 * the host's signing prompt reads them directly. Keys mirror HostErrorCode so any host error has a message.
 */
import type { HostErrorCode } from '../host/hostError';

export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

type ErrorMessages = Record<HostErrorCode, string>;

export interface Messages {
  app: { title: string; training: string; language: string };
  shell: { linkOnline: string; linkOffline: string; linkUnknown: string; queueDepth: string; logout: string; syncNow: string; operator: string };
  setup: { title: string; intro: string; login: string; fullName: string; iin: string; password: string; passwordRepeat: string; create: string; passwordsDiffer: string };
  login: { title: string; login: string; password: string; submit: string };
  picker: { title: string; search: string; recent: string; all: string; kind: string; start: string; nothingFound: string; unavailable: string; resultCap: string };
  catalog: { title: string; version: string; import: string; imported: string; services: string; source: string };
  settings: { title: string; officeCode: string; officeName: string; gatewayUrl: string; clientId: string; clientSecret: string; secretSet: string; trainingMode: string; keysFolder: string; scannerDevice: string; scannerProfile: string; profileText: string; profileGray: string; profilePhoto: string; profileReceipt: string; retentionDays: string; language: string; save: string; saved: string; import: string; restartNeeded: string };
  units: { seconds: string; minutes: string; hours: string; calendarDays: string; workingDays: string };
  home: { title: string; newRequest: string; empty: string; localNumber: string; applicant: string; service: string; status: string; registrationNumber: string; open: string };
  status: { draft: string; queued: string; submitted: string; needs_attention: string };
  request: {
    title: string; service: string; kind: string; applicant: string; applicantIin: string; surname: string; givenName: string; patronymic: string;
    documents: string; attach: string; attachHint: string; noDocuments: string; remove: string; saveDraft: string; saved: string; toSigning: string;
    queuedNotice: string; attachments: string; expectedBy: string; resultBy: string; registrationNumber: string; awaitingRegistration: string; back: string; required: string; signedBy: string; lastError: string; nextAttempt: string; attempts: string; errorTransient: string; errorUnreachable: string; errorPermanent: string;
  };
  sign: { title: string; chooseKey: string; noKeys: string; start: string; keyFile: string; password: string; submit: string; cancel: string; working: string; cancelled: string; done: string; hint: string };
  errors: ErrorMessages & { unreachable: string; unexpected: string; fileRead: string };
}

export const messages: Record<Language, Messages> = {
  kk: {
    app: { title: 'Qabyl — ХҚКО операторының жұмыс орны', training: 'Оқу режимі', language: 'Тіл' },
    shell: { linkOnline: 'Байланыс бар', linkOffline: 'Байланыс жоқ', linkUnknown: 'Байланыс тексерілуде', queueDepth: 'Жіберу кезегінде: {{count}}', logout: 'Шығу', syncNow: 'Қазір жіберу', operator: 'Оператор' },
    setup: {
      title: 'Алғашқы іске қосу', intro: 'Осы жұмыс орнының бірінші тіркелгісін (әкімші) жасаңыз.', login: 'Логин', fullName: 'Тегі, аты', iin: 'ЖСН',
      password: 'Құпиясөз', passwordRepeat: 'Құпиясөзді қайталаңыз', create: 'Тіркелгіні жасау', passwordsDiffer: 'Құпиясөздер сәйкес емес',
    },
    login: { title: 'Жүйеге кіру', login: 'Логин', password: 'Құпиясөз', submit: 'Кіру' },
    picker: { title: 'Қызметті таңдау', search: 'Атауы бойынша іздеу (қазақша не орысша)', recent: 'Соңғы қызметтер', all: 'Барлық қызметтер', kind: 'Өтініш түрі', start: 'Өтінішті бастау', nothingFound: 'Ештеңе табылмады', unavailable: 'Регламент мәтіні жоқ — өтініш қабылданбайды', resultCap: 'Нәтиже мерзімі: {{cap}}' },
    catalog: { title: 'Қызметтер каталогы', version: 'Нұсқа', import: 'Жаңартуды файлдан жүктеу', imported: '{{version}} нұсқасы жүктелді', services: 'Қызметтер', source: 'Дереккөз' },
    settings: {
      title: 'Баптаулар', officeCode: 'ХҚКО коды', officeName: 'ХҚКО атауы', gatewayUrl: 'Е-лицензиялау шлюзінің мекенжайы', clientId: 'Шлюз клиентінің идентификаторы',
      clientSecret: 'Шлюз клиентінің құпиясы', secretSet: 'орнатылған; өзгерту үшін жаңасын енгізіңіз', trainingMode: 'Оқу режимі (кіріктірілген құмсалғыш, бөлек деректер)',
      keysFolder: 'Операторлардың кілт файлдары бар қалта', scannerDevice: 'Әдепкі сканер', scannerProfile: 'Әдепкі сканерлеу профилі', profileText: 'Мәтін (ақ-қара)',
      profileGray: 'Сұр реңк', profilePhoto: 'Жеке куәлік, фото (түсті)', profileReceipt: 'Түбіртек (сұр)', retentionDays: 'Сканерлерді сақтау мерзімі (нәтиже берілгеннен кейін, күн)',
      language: 'Жұмыс орнының әдепкі тілі', save: 'Сақтау', saved: 'Баптаулар сақталды', import: 'Баптауларды файлдан жүктеу',
      restartNeeded: 'Өзгерістер қолданба қайта іске қосылғанда күшіне енеді',
    },
    units: { seconds: '{{amount}} сек', minutes: '{{amount}} мин', hours: '{{amount}} сағ', calendarDays: '{{amount}} күнтізбелік күн', workingDays: '{{amount}} жұмыс күні' },
    home: { title: 'Өтініштер', newRequest: 'Жаңа өтініш', empty: 'Әзірге өтініш жоқ.', localNumber: 'Жергілікті нөмір', applicant: 'Өтініш беруші', service: 'Қызмет', status: 'Күйі', registrationNumber: 'Тіркеу нөмірі', open: 'Ашу' },
    status: { draft: 'Жоба', queued: 'Жіберу кезегінде', submitted: 'Тіркелді', needs_attention: 'Назар аударыңыз' },
    request: {
      title: 'Өтініш', service: 'Қызмет', kind: 'Өтініш түрі', applicant: 'Өтініш беруші', applicantIin: 'Өтініш берушінің ЖСН', surname: 'Тегі', givenName: 'Аты', patronymic: 'Әкесінің аты',
      documents: 'Құжаттар', attach: 'Файл тіркеу', attachHint: 'PDF, JPEG немесе PNG, 20 МБ дейін', noDocuments: 'Кемінде бір құжат тіркеңіз', remove: 'Алып тастау',
      saveDraft: 'Жобаны сақтау', saved: 'Сақталды', toSigning: 'ЭЦҚ-мен қол қою',
      attachments: 'Тіркелген файлдар (сканерленген құжаттар)',
      expectedBy: 'бүгін берілсе, нәтиже {{date}} дейін',
      resultBy: 'нәтиже {{date}} дейін',
      queuedNotice: 'Өтінішке қол қойылды және жіберу кезегіне қойылды. Байланыс болғанда өздігінен жіберіледі.',
      registrationNumber: 'Тіркеу нөмірі', awaitingRegistration: 'Тіркеу нөмірі күтілуде', back: 'Тізімге оралу', required: 'Міндетті өріс',
      signedBy: 'Қол қойған', lastError: 'Соңғы қате', nextAttempt: 'Келесі әрекет', attempts: 'Әрекеттер',
      errorTransient: 'Е-лицензиялау жүйесі уақытша жауап бере алмады; өтініш кезекте, өздігінен қайта жіберіледі.',
      errorUnreachable: 'Е-лицензиялау жүйесімен байланыс жоқ; өтініш кезекте, байланыс болғанда жіберіледі.',
      errorPermanent: 'Е-лицензиялау жүйесі өтінішті қабылдамады. Себебін тексеріп, жетекшіге хабарлаңыз.',
    },
    sign: {
      title: 'ЭЦҚ-мен қол қою', chooseKey: 'Кілтті таңдаңыз', noKeys: 'Кілт қоймасында кілт табылмады', start: 'Жалғастыру', keyFile: 'Кілт файлы',
      password: 'Кілт құпиясөзі', submit: 'Қол қою', cancel: 'Болдырмау', working: 'Қол қойылуда…', cancelled: 'Қол қою болдырылмады', done: 'Қол қойылды',
      hint: 'Құпиясөз қолданба бетіне берілмейді және сақталмайды.',
    },
    errors: {
      'bridge.unauthorized': 'Сеанс кілті жарамсыз. Қолданбаны іске қосу кезінде берілген сілтемемен қайта ашыңыз.',
      'bridge.badRequest': 'Сұрау дұрыс емес',
      'bridge.unknownMethod': 'Белгісіз әрекет',
      'bridge.internal': 'Жұмыс орнының ішкі қатесі. Деректер сақталды; әрекетті қайталаңыз.',
      'operators.alreadySetUp': 'Жұмыс орны бұрын бапталған',
      'operators.loginTaken': 'Бұл логин бос емес',
      'operators.invalidCredentials': 'Логин немесе құпиясөз қате',
      'operators.weakPassword': 'Құпиясөз кемінде 8 таңбадан тұруы керек',
      'operators.notLoggedIn': 'Алдымен жүйеге кіріңіз',
      'operators.forbidden': 'Бұл әрекет тек әкімшіге рұқсат етілген',
      'identity.invalidIin': 'ЖСН дұрыс емес',
      'documents.empty': 'Файл бос (0 байт)',
      'documents.tooLarge': 'Файл тым үлкен (20 МБ-тан асады)',
      'documents.notFound': 'Құжат жұмыс орнының қоймасында табылмады',
      'keys.notFound': 'Кілт файлы табылмады',
      'keys.wrongPassword': 'Кілт құпиясөзі қате',
      'keys.unreadable': 'Кілт файлы бүлінген немесе PKCS#12 емес',
      'keys.gostNeedsNcaLayer': 'ГОСТ кілтімен қол қою үшін NCALayer қажет',
      'keys.notSigningKey': 'Бұл аутентификация кілті (AUTH). Қол қою кілтін (RSA256_…) таңдаңыз',
      'keys.expired': 'Кілт сертификатының мерзімі өтіп кеткен',
      'keys.notYetValid': 'Кілт сертификаты әлі күшіне енбеген',
      'keys.iinMismatch': 'Сертификаттағы ЖСН жүйеге кірген оператордың ЖСН-ына сәйкес емес',
      'keys.untrustedChain': 'Сертификатты сенімді куәландырушы орталық бермеген',
      'settings.invalid': 'Баптаулар қате, ештеңе өзгертілмеді',
      'catalog.badPackage': 'Файл қызметтер каталогының жаңартуы емес',
      'catalog.untrustedSigner': 'Каталог жаңартуына сенімсіз кілтпен қол қойылған',
      'catalog.badSignature': 'Каталог жаңартуының қолтаңбасы жарамсыз: файл өзгертілген',
      'catalog.invalid': 'Каталог жаңартуының мазмұны қате',
      'catalog.notNewer': 'Бұл каталог нұсқасы қазіргіден жаңа емес',
      'catalog.unknownVersion': 'Өтініш жасалған каталог нұсқасы бұл жұмыс орнында жоқ',
      'signing.unknownTicket': 'Қол қою сеансы аяқталған. Қайта бастаңыз.',
      'signing.tooManyAttempts': 'Құпиясөз тым көп рет қате енгізілді. Қол қоюды қайта бастаңыз.',
      unreachable: 'Жұмыс орнының қызметіне қосылу мүмкін емес. Енгізілгендер сақталды.',
      unexpected: 'Күтпеген қате. Енгізілгендер сақталды.',
      fileRead: 'Файлды оқу мүмкін болмады',
    },
  },
  ru: {
    app: { title: 'Qabyl — рабочее место оператора ЦОН', training: 'Учебный режим', language: 'Язык' },
    shell: { linkOnline: 'Связь есть', linkOffline: 'Нет связи', linkUnknown: 'Проверка связи', queueDepth: 'В очереди на отправку: {{count}}', logout: 'Выйти', syncNow: 'Отправить сейчас', operator: 'Оператор' },
    setup: {
      title: 'Первый запуск', intro: 'Создайте первую учётную запись (администратора) этого рабочего места.', login: 'Логин', fullName: 'Фамилия, имя', iin: 'ИИН',
      password: 'Пароль', passwordRepeat: 'Повторите пароль', create: 'Создать учётную запись', passwordsDiffer: 'Пароли не совпадают',
    },
    login: { title: 'Вход в систему', login: 'Логин', password: 'Пароль', submit: 'Войти' },
    picker: { title: 'Выбор услуги', search: 'Поиск по названию (на казахском или русском)', recent: 'Недавние услуги', all: 'Все услуги', kind: 'Вид заявления', start: 'Начать заявление', nothingFound: 'Ничего не найдено', unavailable: 'Текста регламента нет — заявление не принимается', resultCap: 'Срок результата: {{cap}}' },
    catalog: { title: 'Каталог услуг', version: 'Версия', import: 'Загрузить обновление из файла', imported: 'Загружена версия {{version}}', services: 'Услуги', source: 'Источник' },
    settings: {
      title: 'Настройки', officeCode: 'Код ЦОН', officeName: 'Название ЦОН', gatewayUrl: 'Адрес шлюза «Е-лицензирование»', clientId: 'Идентификатор клиента шлюза',
      clientSecret: 'Секрет клиента шлюза', secretSet: 'задан; чтобы сменить, введите новый', trainingMode: 'Учебный режим (встроенная песочница, отдельные данные)',
      keysFolder: 'Папка с файлами ключей операторов', scannerDevice: 'Сканер по умолчанию', scannerProfile: 'Профиль сканирования по умолчанию', profileText: 'Текст (ч/б)',
      profileGray: 'Оттенки серого', profilePhoto: 'Удостоверение, фото (цвет)', profileReceipt: 'Квитанция (серый)', retentionDays: 'Срок хранения сканов (после выдачи результата, дней)',
      language: 'Язык рабочего места по умолчанию', save: 'Сохранить', saved: 'Настройки сохранены', import: 'Загрузить настройки из файла',
      restartNeeded: 'Изменения вступят в силу после перезапуска приложения',
    },
    units: { seconds: '{{amount}} сек', minutes: '{{amount}} мин', hours: '{{amount}} ч', calendarDays: 'календарных дней: {{amount}}', workingDays: 'рабочих дней: {{amount}}' },
    home: { title: 'Заявления', newRequest: 'Новое заявление', empty: 'Заявлений пока нет.', localNumber: 'Локальный номер', applicant: 'Заявитель', service: 'Услуга', status: 'Статус', registrationNumber: 'Регистрационный номер', open: 'Открыть' },
    status: { draft: 'Черновик', queued: 'В очереди на отправку', submitted: 'Зарегистрировано', needs_attention: 'Требует внимания' },
    request: {
      title: 'Заявление', service: 'Услуга', kind: 'Вид заявления', applicant: 'Заявитель', applicantIin: 'ИИН заявителя', surname: 'Фамилия', givenName: 'Имя', patronymic: 'Отчество',
      documents: 'Документы', attach: 'Прикрепить файл', attachHint: 'PDF, JPEG или PNG, до 20 МБ', noDocuments: 'Прикрепите хотя бы один документ', remove: 'Убрать',
      saveDraft: 'Сохранить черновик', saved: 'Сохранено', toSigning: 'Подписать ЭЦП',
      attachments: 'Прикреплённые файлы (сканы документов)',
      expectedBy: 'если подать сегодня, результат до {{date}}',
      resultBy: 'результат до {{date}}',
      queuedNotice: 'Заявление подписано и поставлено в очередь. Оно уйдёт само, как только появится связь.',
      registrationNumber: 'Регистрационный номер', awaitingRegistration: 'Ожидается регистрационный номер', back: 'К списку', required: 'Обязательное поле',
      signedBy: 'Подписал', lastError: 'Последняя ошибка', nextAttempt: 'Следующая попытка', attempts: 'Попытки',
      errorTransient: 'Система «Е-лицензирование» временно не смогла ответить; заявление в очереди и будет отправлено повторно само.',
      errorUnreachable: 'Нет связи с системой «Е-лицензирование»; заявление в очереди и уйдёт, когда появится связь.',
      errorPermanent: 'Система «Е-лицензирование» не приняла заявление. Проверьте причину и сообщите руководителю.',
    },
    sign: {
      title: 'Подписание ЭЦП', chooseKey: 'Выберите ключ', noKeys: 'В хранилище ключей нет ключей', start: 'Продолжить', keyFile: 'Файл ключа',
      password: 'Пароль ключа', submit: 'Подписать', cancel: 'Отмена', working: 'Подписание…', cancelled: 'Подписание отменено', done: 'Подписано',
      hint: 'Пароль не передаётся странице приложения и не сохраняется.',
    },
    errors: {
      'bridge.unauthorized': 'Ключ сеанса недействителен. Откройте приложение по ссылке, выданной при запуске.',
      'bridge.badRequest': 'Неверный запрос',
      'bridge.unknownMethod': 'Неизвестное действие',
      'bridge.internal': 'Внутренняя ошибка рабочего места. Данные сохранены; повторите действие.',
      'operators.alreadySetUp': 'Рабочее место уже настроено',
      'operators.loginTaken': 'Этот логин уже занят',
      'operators.invalidCredentials': 'Неверный логин или пароль',
      'operators.weakPassword': 'Пароль должен быть не короче 8 символов',
      'operators.notLoggedIn': 'Сначала войдите в систему',
      'operators.forbidden': 'Это действие доступно только администратору',
      'identity.invalidIin': 'Неверный ИИН',
      'documents.empty': 'Файл пустой (0 байт)',
      'documents.tooLarge': 'Файл слишком большой (больше 20 МБ)',
      'documents.notFound': 'Документ не найден в хранилище рабочего места',
      'keys.notFound': 'Файл ключа не найден',
      'keys.wrongPassword': 'Неверный пароль ключа',
      'keys.unreadable': 'Файл ключа повреждён или не является PKCS#12',
      'keys.gostNeedsNcaLayer': 'Для подписи ключом ГОСТ нужен NCALayer',
      'keys.notSigningKey': 'Это ключ аутентификации (AUTH). Выберите ключ подписи (RSA256_…)',
      'keys.expired': 'Срок действия сертификата ключа истёк',
      'keys.notYetValid': 'Сертификат ключа ещё не вступил в силу',
      'keys.iinMismatch': 'ИИН в сертификате не совпадает с ИИН вошедшего оператора',
      'keys.untrustedChain': 'Сертификат выдан недоверенным удостоверяющим центром',
      'settings.invalid': 'Настройки ошибочны, ничего не изменено',
      'catalog.badPackage': 'Файл не является обновлением каталога услуг',
      'catalog.untrustedSigner': 'Обновление каталога подписано недоверенным ключом',
      'catalog.badSignature': 'Подпись обновления каталога неверна: файл изменён',
      'catalog.invalid': 'Содержимое обновления каталога ошибочно',
      'catalog.notNewer': 'Эта версия каталога не новее текущей',
      'catalog.unknownVersion': 'Версии каталога, по которой создано заявление, нет на этом рабочем месте',
      'signing.unknownTicket': 'Сеанс подписания завершён. Начните заново.',
      'signing.tooManyAttempts': 'Слишком много неверных паролей. Начните подписание заново.',
      unreachable: 'Нет связи со службой рабочего места. Введённое сохранено.',
      unexpected: 'Непредвиденная ошибка. Введённое сохранено.',
      fileRead: 'Не удалось прочитать файл',
    },
  },
  en: {
    app: { title: 'Qabyl — public service centre workstation', training: 'Training mode', language: 'Language' },
    shell: { linkOnline: 'Online', linkOffline: 'Offline', linkUnknown: 'Checking link', queueDepth: 'Waiting to send: {{count}}', logout: 'Log out', syncNow: 'Send now', operator: 'Operator' },
    setup: {
      title: 'First run', intro: 'Create the first (administrator) account of this workstation.', login: 'Login', fullName: 'Surname, name', iin: 'IIN',
      password: 'Password', passwordRepeat: 'Repeat password', create: 'Create account', passwordsDiffer: 'Passwords differ',
    },
    login: { title: 'Log in', login: 'Login', password: 'Password', submit: 'Log in' },
    picker: { title: 'Choose the service', search: 'Search by name (Kazakh or Russian)', recent: 'Recent services', all: 'All services', kind: 'Request kind', start: 'Start the request', nothingFound: 'Nothing found', unavailable: 'Regulation text not available — requests cannot be taken', resultCap: 'Result due in: {{cap}}' },
    catalog: { title: 'Service catalog', version: 'Version', import: 'Load an update from a file', imported: 'Version {{version}} loaded', services: 'Services', source: 'Source' },
    settings: {
      title: 'Settings', officeCode: 'Office code', officeName: 'Office name', gatewayUrl: 'E-licensing gateway address', clientId: 'Gateway client id',
      clientSecret: 'Gateway client secret', secretSet: 'set; type a new one to change it', trainingMode: 'Training mode (embedded sandbox, separate data)',
      keysFolder: "Folder with the operators' key files", scannerDevice: 'Default scanner', scannerProfile: 'Default scan profile', profileText: 'Text (black and white)',
      profileGray: 'Grayscale', profilePhoto: 'ID card, photo (colour)', profileReceipt: 'Receipt (gray)', retentionDays: 'Keep scans for (days after hand-over)',
      language: 'Default language of this workstation', save: 'Save', saved: 'Settings saved', import: 'Load settings from a file',
      restartNeeded: 'The changes take effect when the app restarts',
    },
    units: { seconds: '{{amount}} s', minutes: '{{amount}} min', hours: '{{amount}} h', calendarDays: '{{amount}} calendar days', workingDays: '{{amount}} working days' },
    home: { title: 'Requests', newRequest: 'New request', empty: 'No requests yet.', localNumber: 'Local number', applicant: 'Applicant', service: 'Service', status: 'Status', registrationNumber: 'Registration number', open: 'Open' },
    status: { draft: 'Draft', queued: 'Waiting to send', submitted: 'Registered', needs_attention: 'Needs attention' },
    request: {
      title: 'Request', service: 'Service', kind: 'Request kind', applicant: 'Applicant', applicantIin: "Applicant's IIN", surname: 'Surname', givenName: 'Given name', patronymic: 'Patronymic',
      documents: 'Documents', attach: 'Attach file', attachHint: 'PDF, JPEG or PNG, up to 20 MB', noDocuments: 'Attach at least one document', remove: 'Remove',
      saveDraft: 'Save draft', saved: 'Saved', toSigning: 'Sign with EDS',
      attachments: 'Attached files (scanned documents)',
      expectedBy: 'if submitted today, result by {{date}}',
      resultBy: 'result by {{date}}',
      queuedNotice: 'The request is signed and queued. It will be sent by itself once the link is up.',
      registrationNumber: 'Registration number', awaitingRegistration: 'Waiting for the registration number', back: 'Back to the list', required: 'Required',
      signedBy: 'Signed by', lastError: 'Last error', nextAttempt: 'Next attempt', attempts: 'Attempts',
      errorTransient: 'The e-licensing system could not answer for now; the request stays queued and is retried by itself.',
      errorUnreachable: 'No link to the e-licensing system; the request stays queued and goes once the link is back.',
      errorPermanent: 'The e-licensing system refused the request. Check the reason and tell your supervisor.',
    },
    sign: {
      title: 'Sign with EDS', chooseKey: 'Choose a key', noKeys: 'No keys in the key store', start: 'Continue', keyFile: 'Key file',
      password: 'Key password', submit: 'Sign', cancel: 'Cancel', working: 'Signing…', cancelled: 'Signing cancelled', done: 'Signed',
      hint: 'The password is not passed to the application page and is never stored.',
    },
    errors: {
      'bridge.unauthorized': 'The session key is not valid. Open the app from the link printed at start.',
      'bridge.badRequest': 'Bad request',
      'bridge.unknownMethod': 'Unknown action',
      'bridge.internal': 'Internal error of the workstation. Your data is saved; try again.',
      'operators.alreadySetUp': 'This workstation is already set up',
      'operators.loginTaken': 'This login is taken',
      'operators.invalidCredentials': 'Wrong login or password',
      'operators.weakPassword': 'The password needs at least 8 characters',
      'operators.notLoggedIn': 'Log in first',
      'operators.forbidden': 'Only an administrator may do this',
      'identity.invalidIin': 'Invalid IIN',
      'documents.empty': 'The file is empty (0 bytes)',
      'documents.tooLarge': 'The file is too large (over 20 MB)',
      'documents.notFound': "The document is not in the workstation's store",
      'keys.notFound': 'Key file not found',
      'keys.wrongPassword': 'Wrong key password',
      'keys.unreadable': 'The key file is damaged or not PKCS#12',
      'keys.gostNeedsNcaLayer': 'A GOST key needs NCALayer to sign',
      'keys.notSigningKey': 'This is an authentication (AUTH) key. Choose a signing key (RSA256_…)',
      'keys.expired': 'The key certificate has expired',
      'keys.notYetValid': 'The key certificate is not valid yet',
      'keys.iinMismatch': "The IIN in the certificate is not the logged-in operator's IIN",
      'keys.untrustedChain': 'The certificate was not issued by a trusted authority',
      'settings.invalid': 'The settings are invalid; nothing was changed',
      'catalog.badPackage': 'This file is not a service catalog update',
      'catalog.untrustedSigner': 'The catalog update is signed by an untrusted key',
      'catalog.badSignature': 'The catalog update signature is invalid: the file was altered',
      'catalog.invalid': 'The catalog update content is invalid',
      'catalog.notNewer': 'This catalog version is not newer than the current one',
      'catalog.unknownVersion': 'The catalog version this request was taken under is not on this workstation',
      'signing.unknownTicket': 'The signing session has ended. Start again.',
      'signing.tooManyAttempts': 'Too many wrong passwords. Start signing again.',
      unreachable: 'Cannot reach the workstation service. What you entered is saved.',
      unexpected: 'Unexpected error. What you entered is saved.',
      fileRead: 'Could not read the file',
    },
  },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
