import { durationPlural, formatDurationIntl, type MfaMessages } from './messages';

/** The Spanish catalogue (`locale="es"`), shipped to prove every word can be replaced. */
export const messagesEs: MfaMessages = {
  title: 'Confirma que eres tú',
  progressTitle: 'Conectando con tu entidad',
  progressFallback: 'Espera un momento…',
  progressLabel: 'Progreso de la sincronización',
  connecting: 'Conectando…',
  submit: 'Continuar',
  submitting: 'Enviando…',
  choiceFallbackLabel: 'Elige una opción',
  categoryName: (category, raw) =>
    category === 'text' ? 'Mensaje de texto' : category === 'voice' ? 'Llamada' : category === 'email' ? 'Correo electrónico' : (raw ?? ''),
  pinHint: 'Escribe el PIN que te enviamos. Puedes pegarlo.',
  captchaAlt: 'Imagen de seguridad con caracteres para escribir',
  captchaLabel: 'Escribe los caracteres de la imagen',
  captchaUnavailable: 'No se puede mostrar la imagen de seguridad. Pide otra para continuar.',
  captchaNewImage: 'Otra imagen',
  imageChoiceAlt: (position, count) => `Imagen ${position} de ${count}`,
  imageChoiceUnavailable: (index) => `Opción ${index}: imagen no disponible`,
  questionFallbackLabel: 'Tu respuesta',
  countdownLabel: 'Tiempo restante',
  // "Queda 1 minuto" but "Quedan 30 segundos": the verb agrees when the count is known.
  countdownAnnouncement: (time, seconds, locale = 'es') =>
    `${seconds !== undefined && durationPlural(seconds, locale) === 'one' ? 'Queda' : 'Quedan'} ${time} para responder.`,
  countdownWarning: (seconds) => `Quedan menos de ${seconds} segundos`,
  answerNotAccepted: 'No se aceptó esa respuesta. Inténtalo de nuevo.',
  askedAgain: 'Tu banco hizo otra pregunta.',
  refusalSummary: (count) => (new Intl.PluralRules('es').select(count) === 'one' ? 'Una respuesta necesita tu atención.' : `${count} respuestas necesitan tu atención.`),
  cantSeeImages: 'No puedo ver las imágenes',
  cantSeeImagesHelp: 'Este banco solo ofrece aquí una verificación con imágenes y no se puede cambiar por otra. Pide a quien te dio esta aplicación otra forma de conectar tu cuenta.',
  countdownExpired: 'Se acabó el tiempo.',
  formatDuration: formatDurationIntl,
  expiredTitle: 'El PIN caducó',
  expiredBody: 'Por tu seguridad, cada PIN solo vale durante poco tiempo.',
  resend: 'Enviar un PIN nuevo',
  restartTitle: 'Intentémoslo de nuevo',
  restartBody: 'La verificación caducó. Empieza de nuevo para recibir otro desafío.',
  restart: 'Empezar de nuevo',
  credentialsTitle: 'No se pudo iniciar sesión',
  credentialsBody: 'Tu entidad no aceptó el usuario o la contraseña. Escríbelos de nuevo.',
  username: 'Usuario',
  passcode: 'Contraseña',
  credentialsSubmit: 'Iniciar sesión',
  credentialsRequired: 'Escribe el usuario y la contraseña.',
  configTitle: 'Tienes que hacer algo en tu entidad',
  configFallback: 'Entra en la web de tu entidad y sigue sus instrucciones.',
  configDone: 'Ya está, reintentar',
  doneTitle: 'Verificación completada',
  doneBody: 'Tu cuenta está conectada.',
  configurationError: 'Esta página no puede comunicarse con el servicio de verificación. El sitio debe corregir su configuración.',
  failedTitle: 'No pudimos conectar',
  failedBody: (status) => `La conexión se detuvo (${status.replace(/_/g, ' ')}). Inténtalo de nuevo en un momento.`,
  retry: 'Reintentar',
  retrying: 'Problemas de conexión. Reintentando…',
  offline: 'No tienes conexión. Seguiremos cuando vuelvas a estar en línea.',
  serverError: 'El servicio del banco tiene problemas. Seguiremos intentándolo.',
  refusal: (reason) =>
    ({
      missing: 'Escribe una respuesta.',
      empty: 'Escribe una respuesta.',
      unknown_choice: 'Elige una de las opciones.',
      expired: 'Este PIN ha caducado.',
      not_answerable: 'Esta pregunta no necesita respuesta.',
      wrong_type: 'Esta respuesta no es válida aquí.',
    })[reason],
  requestError: (kind) =>
    kind === 'challenge_expired'
      ? 'El PIN caducó antes de llegarnos.'
      : kind === 'answer_too_long'
        ? 'Esa respuesta es demasiado larga. Revísala e introdúcela de nuevo.'
        : kind === 'network' || kind === 'timeout'
          ? 'No pudimos llegar al servidor. Revisa tu conexión e inténtalo de nuevo.'
          : 'Algo salió mal. Inténtalo de nuevo.',
};
