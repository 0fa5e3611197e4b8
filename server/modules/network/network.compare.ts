import type { NetworkComparison, Tie, TieValence } from '../../../common/contracts/network.contracts'

type Snapshot = { id: string; takenOn: string; ties: Tie[] }
type Change = NetworkComparison['changed'][number]

const RANK: Record<TieValence, number> = { harmful: 0, ambivalent: 1, supportive: 2 }

/** "  Club de Boxe " and "club de boxe" are one tie for a worker who retyped it without copying. */
export function normaliseName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/**
 * Pairs each tie of `to` with its tie in `from`: by id first (a snapshot copied from the
 * previous one keeps ids), then, among the ties still unpaired, by normalised name and kind.
 */
function pair(from: Tie[], to: Tie[]): { pairs: [Tie, Tie][]; gained: Tie[]; left: Tie[] } {
  const byId = new Map(from.map((t) => [t.id, t]))
  const pairs: [Tie, Tie][] = []
  const unpairedTo: Tie[] = []
  const used = new Set<string>()
  for (const t of to) {
    const before = byId.get(t.id)
    if (before && !used.has(before.id)) {
      pairs.push([before, t])
      used.add(before.id)
    } else unpairedTo.push(t)
  }
  const byName = new Map<string, Tie[]>()
  for (const t of from) {
    if (used.has(t.id)) continue
    const key = `${t.kind}|${normaliseName(t.name)}`
    byName.set(key, [...(byName.get(key) ?? []), t])
  }
  const gained: Tie[] = []
  for (const t of unpairedTo) {
    const before = byName.get(`${t.kind}|${normaliseName(t.name)}`)?.shift()
    if (before) {
      pairs.push([before, t])
      used.add(before.id)
    } else gained.push(t)
  }
  return { pairs, gained, left: from.filter((t) => !used.has(t.id)) }
}

function direction(before: Tie, after: Tie): Change['direction'] {
  if (RANK[after.valence] !== RANK[before.valence]) return RANK[after.valence] > RANK[before.valence] ? 'better' : 'worse'
  if (after.valence === 'ambivalent') return 'neutral'
  const stronger = after.strength > before.strength
  // A stronger supportive tie is progress; a stronger harmful one is not.
  return after.valence === 'supportive' ? (stronger ? 'better' : 'worse') : stronger ? 'worse' : 'better'
}

const byValence = (ties: Tie[]) => ({
  supportive: ties.filter((t) => t.valence === 'supportive'),
  ambivalent: ties.filter((t) => t.valence === 'ambivalent'),
  harmful: ties.filter((t) => t.valence === 'harmful'),
})

const counts = (ties: Tie[]) => {
  const v = byValence(ties)
  return { supportive: v.supportive.length, ambivalent: v.ambivalent.length, harmful: v.harmful.length }
}

/** What moved in the network between two snapshots, from `from` to `to`. */
export function compareSnapshots(from: Snapshot, to: Snapshot): NetworkComparison {
  const { pairs, gained, left } = pair(from.ties, to.ties)
  const changed: Change[] = pairs
    .filter(([b, a]) => b.valence !== a.valence || b.strength !== a.strength)
    .map(([b, a]) => ({
      tie: a,
      before: { valence: b.valence, strength: b.strength },
      after: { valence: a.valence, strength: a.strength },
      direction: direction(b, a),
    }))
  const g = byValence(gained)
  const l = byValence(left)
  return {
    from: { id: from.id, takenOn: from.takenOn },
    to: { id: to.id, takenOn: to.takenOn },
    gained: g,
    left: l,
    changed,
    summary: {
      supportiveGained: g.supportive.length,
      ambivalentGained: g.ambivalent.length,
      harmfulGained: g.harmful.length,
      supportiveLost: l.supportive.length,
      ambivalentLeft: l.ambivalent.length,
      harmfulLeft: l.harmful.length,
      changedBetter: changed.filter((c) => c.direction === 'better').length,
      changedWorse: changed.filter((c) => c.direction === 'worse').length,
      before: counts(from.ties),
      after: counts(to.ties),
    },
  }
}

/**
 * Supportive, ambivalent and harmful ties per snapshot, oldest first: the lines of the overview.
 * Takes the snapshots newest first, as `networkSnapshotsOf` returns them.
 */
export function networkTrend(newestFirst: Snapshot[]) {
  return [...newestFirst].reverse().map((s) => ({ snapshotId: s.id, takenOn: s.takenOn, ...counts(s.ties) }))
}
