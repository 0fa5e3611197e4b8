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
}

const languageOf = (l: string): Language => ((LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'fr')

/** The subject and plain-text body of one e-mail, in its language (French when unknown). */
export function mailText(event: NotificationEvent, language: string, reference: string, link: string): Text {
  const l = languageOf(language)
  const fill = (s: string) => s.replace('{reference}', reference).replace('{link}', link)
  const subject = `Parcours – ${fill(EVENTS[event][l])}`
  return { subject, body: `${fill(EVENTS[event][l])}.\n\n${fill(SIGN_IN[l])}\n\n-- \n${FOOTER[l]}\n` }
}
