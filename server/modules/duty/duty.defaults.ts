import type { EmergencyPath, OpeningHours } from '../../../common/contracts/duty.contracts'
import { L } from '../instruments/builtin/labels'

/**
 * What the line shows before the lead has set anything (version 0): working days 9:00–17:00, and
 * an emergency path that names the public numbers. The judicial liaison's number is the service's
 * own, so it is left for the lead to fill in.
 */
export const DEFAULT_HOURS: OpeningHours = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, spans: [{ opens: '09:00', closes: '17:00' }] })),
  exceptions: [],
}

export const DEFAULT_EMERGENCY_PATH: EmergencyPath = {
  steps: [
    {
      kind: 'call',
      callee: 'police',
      phone: '112',
      text: L(
        'Danger immédiat pour la vie : appeler le 112 (ou la police au 101) pendant ou juste après l’appel.',
        'Onmiddellijk levensgevaar: bel 112 (of de politie op 101) tijdens of meteen na het gesprek.',
        'Unmittelbare Lebensgefahr: 112 (oder die Polizei unter 101) während oder direkt nach dem Gespräch anrufen.',
        'Immediate danger to life: call 112 (or the police on 101) during or right after the call.',
      ),
    },
    {
      kind: 'call',
      callee: 'on_duty_lead',
      phone: null,
      text: L(
        'Prévenir le responsable de permanence, qui décide de la suite.',
        'Verwittig de verantwoordelijke van wacht, die over het vervolg beslist.',
        'Die diensthabende Leitung benachrichtigen, die über das Weitere entscheidet.',
        'Tell the on-duty lead, who decides what happens next.',
      ),
    },
    {
      kind: 'call',
      callee: 'judicial_liaison',
      phone: null,
      text: L(
        'Si une mesure judiciaire est en cours : joindre l’assistant de justice ou la personne de liaison.',
        'Als er een gerechtelijke maatregel loopt: contacteer de justitieassistent of de contactpersoon.',
        'Bei einer laufenden gerichtlichen Maßnahme: die Justizassistenz oder die Verbindungsperson erreichen.',
        'If a judicial measure is running: reach the justice assistant or the liaison.',
      ),
    },
    {
      kind: 'note',
      callee: null,
      phone: null,
      text: L(
        'Noter l’heure, les mots exacts, qui est en danger, où, et ce qui a été fait et par qui.',
        'Noteer het uur, de exacte woorden, wie in gevaar is, waar, en wat er gedaan werd en door wie.',
        'Uhrzeit, genaue Worte, wer in Gefahr ist, wo, und was von wem getan wurde, notieren.',
        'Write down the time, the exact words, who is in danger, where, and what was done and by whom.',
      ),
    },
  ],
}
