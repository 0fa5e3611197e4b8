import type { NotificationEvent } from '../../../common/contracts/notifications.contracts'
import { LANGUAGES, type Language } from '../../../common/roles'

/**
 * The e-mails' words, per event and language. A message says only what happened, the reference
 * code and where to sign in: the placeholders are `{reference}` and `{link}`, and nothing else can
 * be put in (no name, no summary, no organisation name).
 */
type Text = { subject: string; body: string }

const SIGN_IN: Record<Language, string> = {
  fr: 'Connectez-vous pour en savoir plus : {link}',
  nl: 'Meld u aan voor meer informatie: {link}',
  de: 'Melden Sie sich an, um mehr zu erfahren: {link}',
  en: 'Sign in to find out more: {link}',
}

const FOOTER: Record<Language, string> = {
  fr: 'Ce message ne contient aucune donnée personnelle. Ne répondez pas à ce message.',
  nl: 'Dit bericht bevat geen persoonsgegevens. Beantwoord dit bericht niet.',
  de: 'Diese Nachricht enthält keine personenbezogenen Daten. Bitte antworten Sie nicht auf diese Nachricht.',
  en: 'This message contains no personal data. Do not reply to this message.',
}

const EVENTS: Record<NotificationEvent, Record<Language, string>> = {
  referral_sent: {
    fr: 'Nouvelle orientation reçue (référence {reference})',
    nl: 'Nieuwe doorverwijzing ontvangen (referentie {reference})',
    de: 'Neue Überweisung erhalten (Referenz {reference})',
    en: 'New referral received (reference {reference})',
  },
  referral_accepted: {
    fr: 'Orientation acceptée (référence {reference})',
    nl: 'Doorverwijzing aanvaard (referentie {reference})',
    de: 'Überweisung angenommen (Referenz {reference})',
    en: 'Referral accepted (reference {reference})',
  },
  referral_declined: {
    fr: 'Orientation refusée (référence {reference})',
    nl: 'Doorverwijzing geweigerd (referentie {reference})',
    de: 'Überweisung abgelehnt (Referenz {reference})',
    en: 'Referral declined (reference {reference})',
  },
  referral_completed: {
    fr: 'Orientation terminée (référence {reference})',
    nl: 'Doorverwijzing afgerond (referentie {reference})',
    de: 'Überweisung abgeschlossen (Referenz {reference})',
    en: 'Referral completed (reference {reference})',
  },
  charter_renewal_due: {
    fr: 'Charte de partenariat à renouveler (référence {reference})',
    nl: 'Partnerschapscharter te vernieuwen (referentie {reference})',
    de: 'Partnerschaftscharta zu erneuern (Referenz {reference})',
    en: 'Partnership charter due for renewal (reference {reference})',
  },
  callback_due: {
    fr: 'Rappel à effectuer aujourd’hui (référence {reference})',
    nl: 'Terugbellen vandaag (referentie {reference})',
    de: 'Rückruf heute fällig (Referenz {reference})',
    en: 'Call-back due today (reference {reference})',
  },
  case_assigned: {
    fr: 'Un dossier vous a été attribué (référence {reference})',
    nl: 'Er werd u een dossier toegewezen (referentie {reference})',
    de: 'Ihnen wurde ein Fall zugewiesen (Referenz {reference})',
    en: 'A case has been assigned to you (reference {reference})',
  },
  closure_approved: {
    fr: 'Clôture approuvée (référence {reference})',
    nl: 'Afsluiting goedgekeurd (referentie {reference})',
    de: 'Abschluss genehmigt (Referenz {reference})',
    en: 'Closure approved (reference {reference})',
  },
  closure_refused: {
    fr: 'Clôture refusée (référence {reference})',
    nl: 'Afsluiting geweigerd (referentie {reference})',
    de: 'Abschluss abgelehnt (Referenz {reference})',
    en: 'Closure refused (reference {reference})',
  },
  case_break_glass: {
    fr: 'Accès d’urgence à un de vos dossiers (référence {reference})',
    nl: 'Noodtoegang tot een van uw dossiers (referentie {reference})',
    de: 'Notfallzugriff auf einen Ihrer Fälle (Referenz {reference})',
    en: 'Emergency access to one of your cases (reference {reference})',
  },
  task_assigned: {
    fr: 'Une tâche vous a été confiée (référence {reference})',
    nl: 'Er werd u een taak toevertrouwd (referentie {reference})',
    de: 'Ihnen wurde eine Aufgabe übertragen (Referenz {reference})',
    en: 'A task has been given to you (reference {reference})',
  },
  relative_agreement_expiring: {
    fr: 'Accord concernant un proche bientôt expiré (référence {reference})',
    nl: 'Akkoord over een naaste verloopt binnenkort (referentie {reference})',
    de: 'Einverständnis zu einer angehörigen Person läuft bald ab (Referenz {reference})',
    en: 'Agreement about a relative expiring soon (reference {reference})',
  },
  report_due: {
    fr: 'Rapport à remettre (référence {reference})',
    nl: 'Verslag in te dienen (referentie {reference})',
    de: 'Bericht fällig (Referenz {reference})',
    en: 'Report due (reference {reference})',
  },
}

const languageOf = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'fr')

/** The subject and plain-text body of one e-mail, in its language (French when unknown). */
export function mailText(event: NotificationEvent, language: string, reference: string, link: string): Text {
  const l = languageOf(language)
  const fill = (s: string) => s.replace('{reference}', reference).replace('{link}', link)
  const subject = `Parcours – ${fill(EVENTS[event][l])}`
  return { subject, body: `${fill(EVENTS[event][l])}.\n\n${fill(SIGN_IN[l])}\n\n-- \n${FOOTER[l]}\n` }
}
