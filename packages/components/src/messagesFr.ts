import { formatDurationIntl, type MfaMessages } from './messages';

/**
 * The French catalogue (`locale="fr"`). Written for French readers, not translated word for word:
 * "banque" where the English says "institution", the formal "vous", a no-break space before
 * `:` and `?` as French typography wants.
 */
export const messagesFr: MfaMessages = {
  title: 'Confirmez votre identité',
  progressTitle: 'Connexion à votre banque',
  progressFallback: 'Un instant, s’il vous plaît…',
  progressLabel: 'Avancement de la synchronisation',
  connecting: 'Connexion en cours…',
  submit: 'Valider',
  submitting: 'Envoi en cours…',
  choiceFallbackLabel: 'Choisissez une option',
  categoryName: (category, raw) =>
    category === 'text' ? 'SMS' : category === 'voice' ? 'Appel vocal' : category === 'email' ? 'E-mail' : (raw ?? ''),
  pinHint: 'Saisissez le code PIN que nous vous avons envoyé. Vous pouvez le coller.',
  captchaAlt: 'Image de sécurité\u00a0: recopiez les caractères affichés',
  captchaLabel: 'Recopiez les caractères de l’image',
  captchaUnavailable: 'Impossible d’afficher l’image de sécurité. Demandez-en une autre pour continuer.',
  captchaNewImage: 'Afficher une autre image',
  imageChoiceAlt: (position, count) => `Image ${position} sur ${count}`,
  imageChoiceUnavailable: (index) => `Choix ${index}\u00a0: image indisponible`,
  questionFallbackLabel: 'Votre réponse',
  countdownLabel: 'Temps restant',
  // "Plus que …" reads right for one minute and for thirty seconds alike.
  countdownAnnouncement: (time) => `Plus que ${time} pour répondre.`,
  countdownExpired: 'Le temps est écoulé.',
  countdownWarning: (seconds) => `Moins de ${seconds} secondes restantes`,
  answerNotAccepted: 'Cette réponse n’a pas été acceptée. Veuillez réessayer.',
  askedAgain: 'Votre banque a posé une autre question.',
  refusalSummary: (count) =>
    new Intl.PluralRules('fr').select(count) === 'one' ? 'Une réponse demande votre attention.' : `${count} réponses demandent votre attention.`,
  cantSeeImages: 'Je ne vois pas les images',
  cantSeeImagesHelp:
    'Cette banque ne propose ici qu’une vérification par images, qui ne peut pas être remplacée par une autre. Demandez à qui vous a fourni cette application un autre moyen de connecter votre compte.',
  formatDuration: formatDurationIntl,
  expiredTitle: 'Le code PIN a expiré',
  expiredBody: 'Pour votre sécurité, un code PIN n’est valable que quelques minutes.',
  resend: 'Recevoir un nouveau code PIN',
  restartTitle: 'Recommençons',
  restartBody: 'La vérification a pris trop de temps. Recommencez pour en lancer une nouvelle.',
  restart: 'Recommencer',
  credentialsTitle: 'Échec de la connexion',
  credentialsBody: 'Votre banque a refusé l’identifiant ou le mot de passe. Saisissez-les de nouveau.',
  username: 'Identifiant',
  passcode: 'Mot de passe',
  credentialsSubmit: 'Se connecter',
  credentialsRequired: 'Saisissez l’identifiant et le mot de passe.',
  configTitle: 'Une action est nécessaire auprès de votre banque',
  configFallback: 'Connectez-vous au site de votre banque et suivez ses instructions.',
  configDone: 'C’est fait, réessayer',
  doneTitle: 'Identité confirmée',
  doneBody: 'Votre compte est bien connecté.',
  configurationError: 'Cette page ne peut pas joindre le service de vérification. Le site doit corriger sa configuration.',
  failedTitle: 'La connexion a échoué',
  failedBody: (status) => `La connexion s’est interrompue (${status.replace(/_/g, ' ')}). Réessayez dans un instant.`,
  retry: 'Réessayer',
  retrying: 'Problème de connexion. Nouvelle tentative…',
  offline: 'Vous êtes hors ligne. Nous reprendrons dès que la connexion sera rétablie.',
  serverError: 'Le service de la banque rencontre des difficultés. Nous continuons d’essayer.',
  refusal: (reason) =>
    ({
      missing: 'Saisissez une réponse.',
      empty: 'Saisissez une réponse.',
      unknown_choice: 'Choisissez l’une des propositions.',
      expired: 'Ce code PIN a expiré.',
      not_answerable: 'Cette question n’attend pas de réponse.',
      wrong_type: 'Cette réponse n’est pas acceptée ici.',
    })[reason],
  requestError: (kind) =>
    kind === 'challenge_expired'
      ? 'Le code PIN a expiré avant de nous parvenir.'
      : kind === 'answer_too_long'
        ? 'Cette réponse est trop longue. Vérifiez-la et saisissez-la à nouveau.'
        : kind === 'network' || kind === 'timeout'
          ? 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.'
          : 'Une erreur s’est produite. Réessayez.',
};
