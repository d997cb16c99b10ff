import { formatDurationIntl, type MfaMessages } from './messages';

/** Keeps a left-to-right value (a status, a masked number) from reordering the Arabic around it. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/**
 * The Arabic catalogue (`locale="ar"`, with `dir="rtl"` on an ancestor): Modern Standard Arabic,
 * shipped to check the right-to-left layout. Durations take Arabic's six plural forms from
 * `Intl.NumberFormat` ("ثانية", "ثانيتان", "5 ثوان", "11 ثانية").
 */
export const messagesAr: MfaMessages = {
  title: 'تأكيد هويتك',
  progressTitle: 'جارٍ الاتصال بمصرفك',
  progressFallback: 'يُرجى الانتظار…',
  progressLabel: 'تقدّم المزامنة',
  connecting: 'جارٍ الاتصال…',
  submit: 'متابعة',
  submitting: 'جارٍ الإرسال…',
  choiceFallbackLabel: 'اختر أحد الخيارات',
  categoryName: (category, raw) =>
    category === 'text' ? 'رسالة نصية' : category === 'voice' ? 'مكالمة صوتية' : category === 'email' ? 'بريد إلكتروني' : (raw ?? ''),
  pinHint: 'أدخل رمز PIN الذي أرسلناه إليك. يمكنك لصقه.',
  captchaAlt: 'صورة أمان: اكتب الأحرف الظاهرة فيها',
  captchaLabel: 'اكتب الأحرف الظاهرة في الصورة',
  captchaUnavailable: 'تعذّر عرض صورة الأمان. اطلب صورة جديدة للمتابعة.',
  captchaNewImage: 'عرض صورة أخرى',
  imageChoiceAlt: (position, count) => `الصورة ${position} من ${count}`,
  imageChoiceUnavailable: (index) => `الخيار ${index}: الصورة غير متاحة`,
  questionFallbackLabel: 'إجابتك',
  countdownLabel: 'الوقت المتبقي',
  // A label and a value: no verb to agree with the count.
  countdownAnnouncement: (time) => `الوقت المتبقي للإجابة: ${time}.`,
  countdownExpired: 'انتهى الوقت.',
  countdownWarning: (seconds) => `أقل من ${seconds} ${new Intl.PluralRules('ar').select(seconds) === 'few' ? 'ثوانٍ' : 'ثانية'} متبقية`,
  answerNotAccepted: 'لم تُقبل هذه الإجابة. يُرجى المحاولة مرة أخرى.',
  askedAgain: 'طرح مصرفك سؤالًا آخر.',
  refusalSummary: (count) =>
    ({
      one: 'إجابة واحدة تحتاج إلى انتباهك.',
      two: 'إجابتان تحتاجان إلى انتباهك.',
      few: `${count} إجابات تحتاج إلى انتباهك.`,
    })[new Intl.PluralRules('ar').select(count) as string] ?? `${count} إجابة تحتاج إلى انتباهك.`,
  cantSeeImages: 'لا أستطيع رؤية الصور',
  cantSeeImagesHelp: 'لا يقدّم هذا المصرف هنا إلا تحققًا بالصور، ولا يمكن استبداله بنوع آخر. اطلب من الجهة التي زوّدتك بهذا التطبيق طريقة أخرى لربط حسابك.',
  formatDuration: formatDurationIntl,
  expiredTitle: 'انتهت صلاحية رمز PIN',
  expiredBody: 'حرصًا على أمانك، لا يصلح رمز PIN إلا لوقت قصير.',
  resend: 'إرسال رمز PIN جديد',
  restartTitle: 'لنحاول مرة أخرى',
  restartBody: 'انتهت مهلة التحقق. ابدأ من جديد لتحصل على طلب تحقق جديد.',
  restart: 'البدء من جديد',
  credentialsTitle: 'تعذّر تسجيل الدخول',
  credentialsBody: 'لم يقبل مصرفك اسم المستخدم أو كلمة المرور. أدخلهما مرة أخرى.',
  username: 'اسم المستخدم',
  passcode: 'كلمة المرور',
  credentialsSubmit: 'تسجيل الدخول',
  credentialsRequired: 'أدخل اسم المستخدم وكلمة المرور كليهما.',
  configTitle: 'مطلوب إجراء لدى مصرفك',
  configFallback: 'سجّل الدخول إلى موقع مصرفك واتبع التعليمات الظاهرة هناك.',
  configDone: 'تمّ ذلك، أعد المحاولة',
  doneTitle: 'تمّ التحقق من هويتك',
  doneBody: 'تمّ ربط حسابك.',
  configurationError: 'لا تستطيع هذه الصفحة الوصول إلى خدمة التحقق. على الموقع إصلاح إعداده.',
  failedTitle: 'تعذّر الاتصال',
  failedBody: (status) => `توقّف الاتصال (${isolate(status.replace(/_/g, ' '))}). حاول مرة أخرى بعد قليل.`,
  retry: 'إعادة المحاولة',
  retrying: 'مشكلة في الاتصال. جارٍ إعادة المحاولة…',
  offline: 'أنت غير متصل بالإنترنت. سنتابع فور عودة الاتصال.',
  serverError: 'تواجه خدمة المصرف مشكلة. سنواصل المحاولة.',
  refusal: (reason) =>
    ({
      missing: 'أدخل إجابة.',
      empty: 'أدخل إجابة.',
      unknown_choice: 'اختر أحد الخيارات.',
      expired: 'انتهت صلاحية رمز PIN هذا.',
      not_answerable: 'هذا السؤال لا يحتاج إلى إجابة.',
      wrong_type: 'هذه الإجابة غير صالحة هنا.',
    })[reason],
  requestError: (kind) =>
    kind === 'challenge_expired'
      ? 'انتهت صلاحية رمز PIN قبل أن يصلنا.'
      : kind === 'answer_too_long'
        ? 'هذه الإجابة أطول من اللازم. تحقّق منها وأدخلها مرة أخرى.'
        : kind === 'network' || kind === 'timeout'
          ? 'تعذّر الوصول إلى الخادم. تحقّق من اتصالك وحاول مرة أخرى.'
          : 'حدث خطأ ما. حاول مرة أخرى.',
};
