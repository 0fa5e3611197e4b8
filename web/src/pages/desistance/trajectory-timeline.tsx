import { Group, Paper, Stack, Text } from '@mantine/core'
import { type KeyboardEvent, type ReactNode, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  lookOf,
  PHASE_LOOK,
  PHASES,
  FUTURE_LOOK,
  type Shape,
  spanOf,
  type TrajectoryEvent,
  useTrajectoryDate,
  VALENCES,
  valenceKey,
} from './trajectory-vocabulary'

/** One marker shape, drawn in a 20×20 box; the ring is hollow so that it differs from the circle without colour. */
export function ShapeIcon({ shape, color, size = 20 }: { shape: Shape; color: string; size?: number }) {
  const common = { fill: color, stroke: 'white', strokeWidth: 1.5 }
  const path: Record<Shape, ReactNode> = {
    circle: <circle cx="10" cy="10" r="7.5" {...common} />,
    ring: <circle cx="10" cy="10" r="6.5" fill="white" stroke={color} strokeWidth={3.5} />,
    square: <rect x="3" y="3" width="14" height="14" rx="2" {...common} />,
    diamond: <polygon points="10,1.5 18.5,10 10,18.5 1.5,10" {...common} />,
    triangleUp: <polygon points="10,2 18.5,17.5 1.5,17.5" {...common} />,
    triangleDown: <polygon points="1.5,2.5 18.5,2.5 10,18" {...common} />,
    plus: <polygon points="7,1.5 13,1.5 13,7 18.5,7 18.5,13 13,13 13,18.5 7,18.5 7,13 1.5,13 1.5,7 7,7" {...common} />,
    star: <polygon points="10,1 12.6,7 19,7.4 14,11.6 15.6,18.5 10,14.8 4.4,18.5 6,11.6 1,7.4 7.4,7" {...common} />,
  }
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden focusable="false">
      {path[shape]}
    </svg>
  )
}

export function TrajectoryLegend() {
  const { t } = useTranslation()
  return (
    <Group gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('trajectory.legend')}>
      {PHASES.map((p) => (
        <Group key={p} gap={6} component="li" wrap="nowrap">
          <ShapeIcon {...PHASE_LOOK[p]} size={16} />
          <Text size="xs">{t(`trajectory.phase.${p}`)}</Text>
        </Group>
      ))}
      <Group gap={6} component="li" wrap="nowrap">
        <ShapeIcon {...FUTURE_LOOK} size={16} />
        <Text size="xs">{t('trajectory.futureGoal')}</Text>
      </Group>
    </Group>
  )
}

type Placed = { e: TrajectoryEvent; x: number; x0: number; x1: number; y: number }

const PAD = 0.04

const point = (p: Placed) => `${p.x.toFixed(2)},${p.y.toFixed(2)}`
function pathPoints(events: Placed[]): string {
  return events.map(point).join(' ')
}
/** From the last event to each future goal, so that the redefined trajectory reads as a continuation. */
function futurePoints(placed: Placed[]): string {
  const events = placed.filter((p) => p.e.kind === 'event')
  const last = events.at(-1)
  const futures = placed.filter((p) => p.e.kind === 'future')
  if (!last || futures.length === 0) return ''
  return [last, ...futures].map(point).join(' ')
}
const YEAR = 365.25 * 86_400_000

/**
 * The path on a time axis: each event at the middle of the period its date stands for (an
 * approximate date also shows its whole span), above the axis when it weighed well and below when
 * it weighed hard; future goals to the right of today. Markers are buttons in one tab stop:
 * arrows move between them, Enter opens one, Delete asks to remove it.
 */
export function TrajectoryTimeline({
  items,
  selected,
  onSelect,
  onOpen,
  onDelete,
  now = Date.now(),
}: {
  items: TrajectoryEvent[]
  selected: string | null
  onSelect: (id: string) => void
  onOpen: (e: TrajectoryEvent) => void
  onDelete: (e: TrajectoryEvent) => void
  now?: number
}) {
  const { t } = useTranslation()
  const dateOf = useTrajectoryDate()
  const buttons = useRef(new Map<string, HTMLButtonElement>())

  const { placed, ticks, todayX } = useMemo(() => {
    const spans = items.map((e) => ({ e, span: spanOf(e.date, e.precision) }))
    const min = Math.min(now, ...spans.map((s) => s.span[0]))
    const max = Math.max(now + YEAR / 4, ...spans.map((s) => s.span[1]))
    const scale = (ms: number) => (PAD + ((ms - min) / (max - min || 1)) * (1 - 2 * PAD)) * 100
    const rows = new Map<string, number>()
    const placed: Placed[] = spans
      .map(({ e, span }) => {
        const x = scale((span[0] + span[1]) / 2)
        // Markers that would sit on one another step down a little, so that each stays reachable by mouse.
        const bucket = `${Math.round(x / 2.5)}:${e.valence}`
        const n = rows.get(bucket) ?? 0
        rows.set(bucket, n + 1)
        return { e, x, x0: scale(span[0]), x1: scale(span[1]), y: (2 - e.valence) * 20 + 10 + n * 5 }
      })
      .sort((a, b) => a.x - b.x)
    const first = new Date(min).getUTCFullYear()
    const last = new Date(max).getUTCFullYear()
    const every = Math.max(1, Math.ceil((last - first + 1) / 12))
    const ticks: { year: number; x: number }[] = []
    for (let y = first + 1; y <= last; y++)
      if ((y - first) % every === 0 || every === 1) ticks.push({ year: y, x: scale(Date.UTC(y, 0, 1)) })
    return { placed, ticks, todayX: scale(now) }
  }, [items, now])

  const active = placed.find((p) => p.e.id === selected) ?? placed[0] ?? null
  const label = (e: TrajectoryEvent) =>
    t('trajectory.markerLabel', {
      date: dateOf(e),
      phase: e.kind === 'future' ? t('trajectory.futureGoal') : t(`trajectory.phase.${e.phase}`),
      title: e.title,
      valence: t(valenceKey(e.valence)),
    })

  const move = (to: Placed | undefined) => {
    if (!to) return
    onSelect(to.e.id)
    buttons.current.get(to.e.id)?.focus()
  }
  const onKey = (ev: KeyboardEvent, p: Placed) => {
    const i = placed.indexOf(p)
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(placed[i + 1]),
      ArrowDown: () => move(placed[i + 1]),
      ArrowLeft: () => move(placed[i - 1]),
      ArrowUp: () => move(placed[i - 1]),
      Home: () => move(placed[0]),
      End: () => move(placed.at(-1)),
      Enter: () => onOpen(p.e),
      Delete: () => onDelete(p.e),
      Backspace: () => onDelete(p.e),
    }
    const run = keys[ev.key]
    if (!run) return
    ev.preventDefault()
    run()
  }

  return (
    <Paper withBorder radius="md" p="md" className="trajectory-timeline">
      <Stack gap="xs">
        <div className="trajectory-plot">
          <div className="trajectory-rows" aria-hidden>
            {VALENCES.map((v) => (
              <span key={v} style={{ top: `${(2 - v) * 20 + 10}%` }}>
                {t(valenceKey(v))}
              </span>
            ))}
          </div>
          <div className="trajectory-area" role="group" aria-label={t('trajectory.timelineLabel')} aria-describedby="trajectory-keys">
            <div className="trajectory-axis" aria-hidden />
            {ticks.map((tick) => (
              <span key={tick.year} className="trajectory-tick" style={{ left: `${tick.x}%` }} aria-hidden>
                {tick.year}
              </span>
            ))}
            <div className="trajectory-today" style={{ left: `${todayX}%` }} aria-hidden>
              <span>{t('trajectory.today')}</span>
            </div>
            {/* The path itself: a quiet line through the events, dashed on towards the future goals. */}
            <svg className="trajectory-path" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden focusable="false">
              <polyline points={pathPoints(placed.filter((p) => p.e.kind === 'event'))} />
              <polyline className="trajectory-path-future" points={futurePoints(placed)} />
            </svg>
            {placed.map((p) =>
              p.e.precision !== 'day' ? (
                <div
                  key={`span-${p.e.id}`}
                  className="trajectory-span"
                  aria-hidden
                  style={{
                    left: `${p.x0}%`,
                    width: `${Math.max(p.x1 - p.x0, 0.4)}%`,
                    top: `${p.y}%`,
                    background: `${lookOf(p.e).color}33`,
                  }}
                />
              ) : null,
            )}
            {placed.map((p) => {
              const look = lookOf(p.e)
              const isActive = active?.e.id === p.e.id
              return (
                <button
                  key={p.e.id}
                  type="button"
                  ref={(el) => {
                    if (el) buttons.current.set(p.e.id, el)
                    else buttons.current.delete(p.e.id)
                  }}
                  className="trajectory-marker"
                  data-selected={selected === p.e.id || undefined}
                  data-testid="trajectory-marker"
                  style={{ left: `${p.x}%`, top: `${p.y}%` }}
                  tabIndex={isActive ? 0 : -1}
                  aria-label={label(p.e)}
                  aria-pressed={selected === p.e.id}
                  onClick={() => onSelect(p.e.id)}
                  onDoubleClick={() => onOpen(p.e)}
                  onKeyDown={(ev) => onKey(ev, p)}
                >
                  <ShapeIcon {...look} size={selected === p.e.id ? 26 : 20} />
                  <span className="trajectory-marker-label" aria-hidden>
                    {p.e.title}
                  </span>
                </button>
              )
            })}
          </div>
        </div>
        <Text size="xs" c="gray.7" id="trajectory-keys">
          {t('trajectory.keysHelp')}
        </Text>
        <TrajectoryLegend />
      </Stack>
    </Paper>
  )
}
