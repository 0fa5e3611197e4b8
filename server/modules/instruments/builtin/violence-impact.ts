import type { InstrumentDefinition } from '../../../../common/contracts/instruments.contracts'
import { L } from './labels'

const reflection = (key: string, label: ReturnType<typeof L>) => ({
  key,
  type: 'text' as const,
  label,
  perspectives: ['worker' as const, 'person' as const],
})

/** Impact of violence: a guided reflection on what violence does, to others and to oneself. */
export const VIOLENCE_IMPACT: InstrumentDefinition = {
  title: L('Impact de la violence', 'Impact van geweld', 'Folgen von Gewalt', 'Impact of violence'),
  description: L(
    'Une réflexion menée ensemble sur les conséquences de la violence, commise ou soutenue.',
    'Een gezamenlijke reflectie over de gevolgen van geweld, gepleegd of gesteund.',
    'Eine gemeinsame Reflexion über die Folgen von Gewalt, ausgeübt oder unterstützt.',
    'A reflection made together on the consequences of violence, committed or supported.',
  ),
  sections: [
    {
      key: 'consequences',
      title: L('Conséquences', 'Gevolgen', 'Folgen', 'Consequences'),
      items: [
        reflection('society', L('Pour la société', 'Voor de samenleving', 'Für die Gesellschaft', 'For society')),
        reflection(
          'family',
          L('Pour la famille et les proches', 'Voor gezin en naasten', 'Für Familie und Angehörige', 'For family and close ones'),
        ),
        reflection('self', L('Pour soi-même', 'Voor zichzelf', 'Für sich selbst', 'For oneself')),
      ],
    },
  ],
}
