import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { Tie } from './use-network'
import { TIE_KINDS, type TieKind, VALENCE_STYLE } from './network-vocabulary'

const SIZE = 640
const C = SIZE / 2
const CENTRE_R = 50
const NODE_R = 16
/** Strong ties close to the person, weak ties at the edge. */
const RING: Record<number, number> = { 3: 122, 2: 196, 1: 266 }
/** One quarter per kind, clockwise from twelve o'clock. */
const SECTOR_START: Record<TieKind, number> = { person: 0, group: 90, institution: 180, online_community: 270 }
const PAD = 13
const LABEL_MAX = 16

export type Highlight = 'gained' | 'left'

type Placed = { tie: Tie; x: number; y: number; angle: number; r: number }

const rad = (deg: number) => (deg * Math.PI) / 180
const at = (r: number, deg: number) => ({ x: C + r * Math.sin(rad(deg)), y: C - r * Math.cos(rad(deg)) })

/**
 * Spreads each kind's ties over its quarter. Strong, medium and weak ties take turns, so that
 * neighbours sit on different rings and their labels do not run into each other; two
 * neighbours on the same ring are pushed slightly in and out.
 */
function place(ties: Tie[]): Placed[] {
  const out: Placed[] = []
  const span = 90 - 2 * PAD
  for (const kind of TIE_KINDS) {
    const rings = [3, 2, 1].map((s) => ties.filter((t) => t.kind === kind && t.strength === s).sort((a, b) => a.name.localeCompare(b.name)))
    const order: Tie[] = []
    for (let i = 0; order.length < rings.flat().length; i++) for (const ring of rings) if (ring[i]) order.push(ring[i] as Tie)
    let flip = false
    order.forEach((tie, i) => {
      const angle = SECTOR_START[kind] + PAD + (span * (i + 0.5)) / order.length
      flip = i > 0 && order[i - 1]?.strength === tie.strength ? !flip : false
      const r = (RING[tie.strength] ?? 266) + (flip ? 16 : 0)
      out.push({ tie, angle, r, ...at(r, angle) })
    })
  }
  return out
}

const short = (name: string) => (name.length > LABEL_MAX ? `${name.slice(0, LABEL_MAX - 1)}…` : name)

/**
 * The ecomap: the person in the centre, ties in rings by strength and in quarters by kind, each
 * line styled by valence (solid, dashed, dotted) and each node signed (+, ±, −). It is an image
 * with a spoken summary; the table next to it carries the same facts for assistive technologies.
 */
export function NetworkMap({
  ties,
  takenOn,
  highlight,
  testId,
}: {
  ties: Tie[]
  takenOn: string
  highlight?: Map<string, Highlight>
  testId?: string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const placed = place(ties)
  const count = (v: Tie['valence']) => ties.filter((x) => x.valence === v).length
  const label = t('network.map.label', {
    date: fmt.date(takenOn),
    count: ties.length,
    supportive: count('supportive'),
    ambivalent: count('ambivalent'),
    harmful: count('harmful'),
  })
  const corner: Record<TieKind, { x: number; y: number; anchor: 'start' | 'end' }> = {
    person: { x: SIZE - 12, y: 26, anchor: 'end' },
    group: { x: SIZE - 12, y: SIZE - 14, anchor: 'end' },
    institution: { x: 12, y: SIZE - 14, anchor: 'start' },
    online_community: { x: 12, y: 26, anchor: 'start' },
  }

  return (
    <svg
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', maxWidth: 560, height: 'auto', display: 'block', margin: '0 auto' }}
      fontFamily="inherit"
    >
      <rect x={0} y={0} width={SIZE} height={SIZE} rx={16} fill="var(--mantine-color-gray-0)" />
      {/* Quarters and rings: quiet guides, not content. */}
      <line x1={C} y1={C - 296} x2={C} y2={C + 296} stroke="var(--mantine-color-gray-3)" />
      <line x1={C - 296} y1={C} x2={C + 296} y2={C} stroke="var(--mantine-color-gray-3)" />
      {[3, 2, 1].map((s) => (
        <g key={s}>
          <circle cx={C} cy={C} r={RING[s]} fill="none" stroke="var(--mantine-color-gray-4)" strokeDasharray="2 5" />
          {/* On the left axis, just below it: the one place no tie label reaches. */}
          <text
            x={C - (RING[s] ?? 0)}
            y={C + 18}
            textAnchor="middle"
            fontSize={14}
            fill="var(--mantine-color-gray-7)"
            stroke="var(--mantine-color-gray-0)"
            strokeWidth={4}
            paintOrder="stroke"
          >
            {t(`network.strength.${s}`)}
          </text>
        </g>
      ))}
      {TIE_KINDS.map((k) => (
        <text
          key={k}
          x={corner[k].x}
          y={corner[k].y}
          textAnchor={corner[k].anchor}
          fontSize={17}
          fontWeight={600}
          fill="var(--mantine-color-gray-8)"
        >
          {t(`network.sector.${k}`)}
        </text>
      ))}

      {placed.map(({ tie, angle, r }) => {
        const style = VALENCE_STYLE[tie.valence]
        const start = at(CENTRE_R + 2, angle)
        const end = at(r - NODE_R - 2, angle)
        return (
          <line
            key={`l-${tie.id}`}
            x1={start.x}
            y1={start.y}
            x2={end.x}
            y2={end.y}
            stroke={style.color}
            strokeWidth={tie.valence === 'harmful' ? 2.5 + tie.strength : 1 + tie.strength}
            strokeDasharray={style.dash}
            strokeLinecap={tie.valence === 'harmful' ? 'round' : 'butt'}
            opacity={0.85}
          />
        )
      })}

      <circle cx={C} cy={C} r={CENTRE_R} fill="var(--mantine-color-petrol-6)" />
      <text x={C} y={C + 5} textAnchor="middle" fontSize={14} fontWeight={600} fill="white">
        {t('network.map.person')}
      </text>

      {placed.map(({ tie, x, y }) => {
        const style = VALENCE_STYLE[tie.valence]
        const mark = highlight?.get(tie.id)
        // Labels go outwards: above the node in the top half, below it in the bottom half.
        const below = y >= C
        return (
          <g key={tie.id} data-tie={tie.name}>
            {mark ? (
              <circle
                cx={x}
                cy={y}
                r={NODE_R + 6}
                fill="none"
                stroke="var(--mantine-color-dark-5)"
                strokeWidth={mark === 'gained' ? 3 : 2}
                strokeDasharray={mark === 'left' ? '4 3' : undefined}
              />
            ) : null}
            <circle cx={x} cy={y} r={NODE_R} fill={style.light} stroke={style.color} strokeWidth={2.5} />
            <text x={x} y={y + 6} textAnchor="middle" fontSize={18} fontWeight={700} fill={style.color}>
              {style.sign}
            </text>
            <text
              x={x}
              y={below ? y + NODE_R + 18 : y - NODE_R - 8}
              textAnchor="middle"
              fontSize={15}
              fill="var(--mantine-color-dark-7)"
              stroke="var(--mantine-color-gray-0)"
              strokeWidth={4}
              paintOrder="stroke"
            >
              {short(tie.name)}
            </text>
          </g>
        )
      })}
      {ties.length === 0 ? (
        <text x={C} y={C + CENTRE_R + 32} textAnchor="middle" fontSize={16} fill="var(--mantine-color-gray-7)">
          {t('network.noTies')}
        </text>
      ) : null}
    </svg>
  )
}
