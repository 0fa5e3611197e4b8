import crypto from 'node:crypto'
import { NetworkSnapshotInput } from '../../common/contracts/network.contracts'
import type { Services } from '../http/context'
import { createSnapshot } from '../modules/network/network.commands'
import { rowsOf } from '../security/case-access'
import { onDemoWorkerCase } from './demo-case'

type Tie = { name: string; kind: string; relation: string; strength: number; valence: string; note?: string }

/**
 * A fictitious network that grows over ten months: the online group and the old supporters'
 * crowd fade and are left, while the family, a boxing club, a training course and a partner
 * come in. Tie ids are shared between snapshots, as when a worker copies the latest one.
 */
function story(): { takenOn: string; note: string; ties: (Tie & { id: string })[] }[] {
  const id = () => crypto.randomUUID()
  const ids = { mum: id(), brother: id(), telegram: id(), supporters: id(), justice: id(), karim: id(), boxing: id(), training: id() }
  const more = { sarah: id(), coach: id() }
  return [
    {
      takenOn: '2025-11-05',
      note: 'Première carte, dessinée avec lui au bureau. Beaucoup de temps passé en ligne. (Données fictives.)',
      ties: [
        { id: ids.mum, name: 'Maman', kind: 'person', relation: 'family', strength: 2, valence: 'supportive' },
        { id: ids.brother, name: 'Kevin (frère)', kind: 'person', relation: 'family', strength: 1, valence: 'ambivalent' },
        { id: ids.karim, name: "Karim (ami d'enfance)", kind: 'person', relation: 'friend', strength: 1, valence: 'supportive' },
        {
          id: ids.telegram,
          name: 'Canal « Réveil »',
          kind: 'online_community',
          relation: 'extremist_milieu',
          strength: 3,
          valence: 'harmful',
        },
        { id: ids.supporters, name: 'Anciens du noyau supporters', kind: 'group', relation: 'peer', strength: 2, valence: 'harmful' },
        { id: ids.justice, name: 'Maison de justice', kind: 'institution', relation: 'professional', strength: 2, valence: 'ambivalent' },
      ],
    },
    {
      takenOn: '2026-03-10',
      note: 'Il a repris contact avec son frère et commence la boxe. Le canal en ligne compte moins. (Données fictives.)',
      ties: [
        { id: ids.mum, name: 'Maman', kind: 'person', relation: 'family', strength: 3, valence: 'supportive' },
        { id: ids.brother, name: 'Kevin (frère)', kind: 'person', relation: 'family', strength: 2, valence: 'supportive' },
        { id: ids.karim, name: "Karim (ami d'enfance)", kind: 'person', relation: 'friend', strength: 2, valence: 'supportive' },
        {
          id: ids.telegram,
          name: 'Canal « Réveil »',
          kind: 'online_community',
          relation: 'extremist_milieu',
          strength: 1,
          valence: 'harmful',
        },
        { id: ids.supporters, name: 'Anciens du noyau supporters', kind: 'group', relation: 'peer', strength: 1, valence: 'harmful' },
        { id: ids.justice, name: 'Maison de justice', kind: 'institution', relation: 'professional', strength: 2, valence: 'supportive' },
        { id: ids.boxing, name: 'Club de boxe du quartier', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' },
        { id: ids.training, name: 'Formation électricien', kind: 'institution', relation: 'school', strength: 2, valence: 'supportive' },
      ],
    },
    {
      takenOn: '2026-09-15',
      note: 'Il a quitté le canal et ne voit plus les anciens du noyau. Nouvelle relation stable. (Données fictives.)',
      ties: [
        { id: ids.mum, name: 'Maman', kind: 'person', relation: 'family', strength: 3, valence: 'supportive' },
        { id: ids.brother, name: 'Kevin (frère)', kind: 'person', relation: 'family', strength: 2, valence: 'supportive' },
        { id: ids.karim, name: "Karim (ami d'enfance)", kind: 'person', relation: 'friend', strength: 2, valence: 'supportive' },
        { id: more.sarah, name: 'Sarah', kind: 'person', relation: 'partner', strength: 3, valence: 'supportive' },
        { id: more.coach, name: 'Patrick (entraîneur)', kind: 'person', relation: 'community', strength: 2, valence: 'supportive' },
        { id: ids.justice, name: 'Maison de justice', kind: 'institution', relation: 'professional', strength: 2, valence: 'supportive' },
        { id: ids.boxing, name: 'Club de boxe du quartier', kind: 'group', relation: 'community', strength: 3, valence: 'supportive' },
        { id: ids.training, name: 'Formation électricien', kind: 'institution', relation: 'school', strength: 3, valence: 'supportive' },
      ],
    },
  ]
}

/**
 * Network snapshots on the demo worker's first case (opened for one of the persons they
 * registered when there is none yet). Does nothing when that case already has a network.
 */
export async function seedNetwork(services: Services): Promise<void> {
  await onDemoWorkerCase(services, 'seed.demo_network', true, async (ctx, trx, acc, audit) => {
    if (await rowsOf(trx, acc, 'network_snapshots').select('network_snapshots.id').limit(1).executeTakeFirst()) return
    const snapshots = story()
    for (const s of snapshots) await createSnapshot(ctx, trx, acc, NetworkSnapshotInput.parse(s))
    audit.detail({ snapshots: snapshots.length })
  })
}
