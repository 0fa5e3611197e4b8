import { describe, expect, it } from 'vitest'
import type { NetworkSnapshotView, Tie } from '../../../common/contracts/network.contracts'
import { compareSnapshots, networkTrend, normaliseName } from './network.compare'
import { networkChangeOf } from './network.queries'

let n = 0
const tie = (over: Partial<Tie>): Tie => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name: `Tie ${n}`,
  kind: 'person',
  relation: 'friend',
  strength: 2,
  valence: 'supportive',
  note: null,
  ...over,
})
const snap = (id: string, takenOn: string, ties: Tie[]) => ({ id, takenOn, ties })

describe('compareSnapshots', () => {
  it('reads strength changes by valence: a stronger support or a weaker harm is better', () => {
    const support = tie({ valence: 'supportive', strength: 1 })
    const harm = tie({ valence: 'harmful', strength: 3 })
    const mixed = tie({ valence: 'ambivalent', strength: 1 })
    const cmp = compareSnapshots(
      snap('a', '2026-01-01', [support, harm, mixed]),
      snap('b', '2026-02-01', [
        { ...support, strength: 3 },
        { ...harm, strength: 1 },
        { ...mixed, strength: 3 },
      ]),
    )
    expect(cmp.changed.map((c) => c.direction)).toEqual(['better', 'better', 'neutral'])
    expect(cmp.summary).toMatchObject({ changedBetter: 2, changedWorse: 0 })
    const reverse = compareSnapshots(
      snap(
        'b',
        '',
        cmp.changed.map((c) => c.tie),
      ),
      snap('a', '', [support, harm, mixed]),
    )
    expect(reverse.changed.map((c) => c.direction)).toEqual(['worse', 'worse', 'neutral'])
  })

  it('pairs retyped ties by name one to one, so two friends with one name stay two', () => {
    const k1 = tie({ name: 'Karim' })
    const k2 = tie({ name: 'Karim', valence: 'harmful' })
    const cmp = compareSnapshots(snap('a', '', [k1, k2]), snap('b', '', [tie({ name: 'karim' })]))
    expect(cmp.changed).toEqual([])
    expect(cmp.left.harmful.map((t) => t.id)).toEqual([k2.id])
    expect(cmp.gained).toEqual({ supportive: [], ambivalent: [], harmful: [] })
  })

  it('ignores case, accents and spacing in names', () => {
    expect(normaliseName('  ÉCOLE   Saint-Luc ')).toBe('ecole saint-luc')
  })
})

describe('for the overview', () => {
  const view = (id: string, takenOn: string, ties: Tie[]): NetworkSnapshotView => ({
    id,
    accompanimentId: 'acc',
    takenOn,
    ties,
    note: null,
    createdBy: 'w',
    createdAt: takenOn,
    updatedAt: takenOn,
    version: 1,
  })
  const forum = tie({ valence: 'harmful' })
  const club = tie({ valence: 'supportive' })
  const school = tie({ valence: 'supportive' })
  const newestFirst = [view('s3', '2026-09-01', [club, school]), view('s2', '2026-05-01', [club, forum]), view('s1', '2026-01-01', [forum])]

  it('compares the first with the latest, and the previous with the latest', () => {
    const change = networkChangeOf(newestFirst)
    expect(change?.sinceFirst.summary).toMatchObject({ supportiveGained: 2, harmfulLeft: 1 })
    expect(change?.sincePrevious.summary).toMatchObject({ supportiveGained: 1, harmfulLeft: 1 })
    expect(networkChangeOf(newestFirst.slice(2))).toBeNull()
    expect(networkChangeOf([])).toBeNull()
  })

  it('counts ties by valence, oldest first', () => {
    expect(networkTrend(newestFirst).map((p) => [p.takenOn, p.supportive, p.harmful])).toEqual([
      ['2026-01-01', 0, 1],
      ['2026-05-01', 1, 1],
      ['2026-09-01', 2, 0],
    ])
  })
})
