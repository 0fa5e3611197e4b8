import { Button, Group } from '@mantine/core'
import { Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView, Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { lazyNamed } from '../../components/lazy-page'

// The forms (selects, text areas, the closure's summary) are fetched when a button is reached,
// not with the case: on a phone the case overview loaded 91 scripts before they went on demand.
const loadMove = () => import('./lifecycle-move')
const loadDecision = () => import('./closure-decision')
const MoveModal = lazyNamed(loadMove, 'MoveModal')
const ClosureDecisionModal = lazyNamed(loadDecision, 'ClosureDecisionModal')
const prefetch = (move: Move) =>
  void (move === 'approve_closure' || move === 'refuse_closure' ? loadDecision() : loadMove()).catch(() => undefined)

export type Move = 'suspend' | 'resume' | 'request_closure' | 'approve_closure' | 'refuse_closure' | 'reopen'

/** Which moves the case's status and the user's abilities allow. */
function movesFor(a: AccompanimentView, me: Me | null | undefined): Move[] {
  // An emergency access is for reading: the case's workers and lead steer it.
  if (a.access === 'emergency') return []
  const update = can(me, 'accompaniment.update')
  const decide = can(me, 'accompaniment.approve_closure')
  switch (a.status) {
    case 'active':
      return update ? ['suspend', 'request_closure'] : []
    case 'suspended':
      return update ? ['resume', 'request_closure'] : []
    case 'closing':
      return decide ? ['approve_closure', 'refuse_closure'] : []
    case 'closed':
      return update ? ['reopen'] : []
    default:
      return []
  }
}

/** The lifecycle buttons the case's status and the user's abilities allow, each opening a form. */
export function LifecycleActions({ a, me }: { a: AccompanimentView; me: Me | null | undefined }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState<Move | null>(null)
  const moves = movesFor(a, me)
  if (moves.length === 0) return null
  return (
    <>
      <Group gap="sm">
        {moves.map((m) => (
          <Button
            key={m}
            variant="light"
            onClick={() => setOpen(m)}
            onPointerEnter={() => prefetch(m)}
            onFocus={() => prefetch(m)}
            data-testid={`move-${m}`}
          >
            {t(`lifecycle.action.${m}`)}
          </Button>
        ))}
      </Group>
      <Suspense fallback={null}>
        {open === 'approve_closure' || open === 'refuse_closure' ? (
          <ClosureDecisionModal key={open} a={a} decision={open} onClose={() => setOpen(null)} />
        ) : open ? (
          <MoveModal key={open} a={a} move={open} onClose={() => setOpen(null)} />
        ) : null}
      </Suspense>
    </>
  )
}
