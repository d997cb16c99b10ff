import { formatDurationIntl, type MfaMessages } from './messages';

/**
 * The German catalogue (`locale="de"`). Written for German readers, not translated word for
 * word: the formal "Sie", "Bank" where the English says "institution", "SMS" and "E-Mail".
 */
export const messagesDe: MfaMessages = {
  title: 'Bestätigen Sie Ihre Identität',
  progressTitle: 'Verbindung zu Ihrer Bank',
  progressFallback: 'Einen Moment bitte…',
  progressLabel: 'Fortschritt der Synchronisierung',
  connecting: 'Verbindung wird hergestellt…',
  submit: 'Weiter',
  submitting: 'Wird gesendet…',
  choiceFallbackLabel: 'Wählen Sie eine Möglichkeit',
  categoryName: (category, raw) =>
    category === 'text' ? 'SMS' : category === 'voice' ? 'Anruf' : category === 'email' ? 'E-Mail' : (raw ?? ''),
  pinHint: 'Geben Sie die PIN ein, die wir Ihnen geschickt haben. Sie können sie auch einfügen.',
  captchaAlt: 'Sicherheitsbild: Geben Sie die abgebildeten Zeichen ein',
  captchaLabel: 'Zeichen aus dem Bild',
  captchaUnavailable: 'Das Sicherheitsbild kann nicht angezeigt werden. Fordern Sie ein neues an, um fortzufahren.',
  captchaNewImage: 'Neues Bild anzeigen',
  imageChoiceAlt: (position, count) => `Bild ${position} von ${count}`,
  imageChoiceUnavailable: (index) => `Auswahl ${index}: Bild nicht verfügbar`,
  questionFallbackLabel: 'Ihre Antwort',
  countdownLabel: 'Verbleibende Zeit',
  // "Noch …" reads right for one minute and for thirty seconds alike.
  countdownAnnouncement: (time) => `Noch ${time} für Ihre Antwort.`,
  countdownExpired: 'Die Zeit ist abgelaufen.',
  countdownWarning: (seconds) => `Weniger als ${seconds} Sekunden übrig`,
  answerNotAccepted: 'Diese Antwort wurde nicht akzeptiert. Bitte versuchen Sie es erneut.',
  askedAgain: 'Ihre Bank hat eine weitere Frage gestellt.',
  refusalSummary: (count) =>
    new Intl.PluralRules('de').select(count) === 'one' ? 'Eine Antwort braucht Ihre Aufmerksamkeit.' : `${count} Antworten brauchen Ihre Aufmerksamkeit.`,
  cantSeeImages: 'Ich kann die Bilder nicht sehen',
  cantSeeImagesHelp:
    'Diese Bank bietet hier nur eine Prüfung mit Bildern an, und sie lässt sich nicht gegen eine andere tauschen. Fragen Sie den Anbieter dieser App nach einem anderen Weg, Ihr Konto zu verbinden.',
  formatDuration: formatDurationIntl,
  expiredTitle: 'Die PIN ist abgelaufen',
  expiredBody: 'Zu Ihrer Sicherheit ist jede PIN nur wenige Minuten gültig.',
  resend: 'Neue PIN anfordern',
  restartTitle: 'Noch einmal von vorn',
  restartBody: 'Die Bestätigung hat zu lange gedauert. Starten Sie neu, um eine neue Abfrage zu erhalten.',
  restart: 'Neu starten',
  credentialsTitle: 'Anmeldung fehlgeschlagen',
  credentialsBody: 'Ihre Bank hat Benutzername oder Passwort nicht akzeptiert. Bitte geben Sie beides erneut ein.',
  username: 'Benutzername',
  passcode: 'Passwort',
  credentialsSubmit: 'Anmelden',
  credentialsRequired: 'Bitte geben Sie Benutzername und Passwort ein.',
  configTitle: 'Ihre Bank braucht eine Aktion von Ihnen',
  configFallback: 'Melden Sie sich auf der Website Ihrer Bank an und folgen Sie den Hinweisen dort.',
  configDone: 'Erledigt, erneut versuchen',
  doneTitle: 'Bestätigung erfolgreich',
  doneBody: 'Ihr Konto ist jetzt verbunden.',
  configurationError: 'Diese Seite erreicht den Prüfdienst nicht. Die Website muss ihre Einrichtung korrigieren.',
  failedTitle: 'Keine Verbindung möglich',
  failedBody: (status) => `Die Verbindung wurde abgebrochen (${status.replace(/_/g, ' ')}). Versuchen Sie es gleich noch einmal.`,
  retry: 'Erneut versuchen',
  retrying: 'Verbindungsprobleme. Neuer Versuch läuft…',
  offline: 'Sie sind offline. Sobald die Verbindung wieder steht, geht es weiter.',
  serverError: 'Der Dienst der Bank hat gerade Probleme. Wir versuchen es weiter.',
  refusal: (reason) =>
    ({
      missing: 'Bitte geben Sie eine Antwort ein.',
      empty: 'Bitte geben Sie eine Antwort ein.',
      unknown_choice: 'Bitte wählen Sie eine der Möglichkeiten.',
      expired: 'Diese PIN ist abgelaufen.',
      not_answerable: 'Diese Frage braucht keine Antwort.',
      wrong_type: 'Diese Antwort ist hier nicht gültig.',
    })[reason],
  requestError: (kind) =>
    kind === 'challenge_expired'
      ? 'Die PIN ist abgelaufen, bevor sie bei uns ankam.'
      : kind === 'answer_too_long'
        ? 'Diese Antwort ist zu lang. Bitte prüfen Sie sie und geben Sie sie erneut ein.'
        : kind === 'network' || kind === 'timeout'
          ? 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.'
          : 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
};
