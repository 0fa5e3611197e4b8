import { Text } from '@mantine/core'

/**
 * Below this width a radar's labels crowd its shape out: the same review as small multiples, a
 * pair of bars per domain with the domain's full name above them.
 */
export const NARROW = 520

export function ReviewBars({ rows }: { rows: { domain: string; worker: number; person: number; key: string }[] }) {
  return (
    <ul className="progress-bars" data-testid="radar-bars">
      {rows.map((r) => (
        <li key={r.key}>
          <Text size="sm" fw={600}>
            {r.domain}
          </Text>
          {(['worker', 'person'] as const).map((p) => (
            <div key={p} className="progress-bar-row">
              <div className="progress-bar-track">
                <div className="progress-bar" data-perspective={p} style={{ width: `${r[p] * 10}%` }} />
              </div>
              <Text size="xs" className="progress-bar-value">
                {r[p]}
              </Text>
            </div>
          ))}
        </li>
      ))}
    </ul>
  )
}

/** Greedy wrap of a domain's name into lines of about `width` characters. */
export function wrapLabel(name: string, width = 16): string[] {
  const lines: string[] = []
  for (const word of name.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

type TickProps = {
  x?: number | string
  y?: number | string
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit'
  payload?: { value?: string }
}

/**
 * A radar axis label on as many short lines as it needs, centred on its point, so that a long
 * domain name ("Citoyenneté et situation juridique") stays inside the drawing instead of running
 * off its edge; the full name stays in the figures table.
 */
export function RadarTick({ x = 0, y = 0, textAnchor = 'middle', payload }: TickProps) {
  const lines = wrapLabel(payload?.value ?? '')
  return (
    <text x={x} y={y} textAnchor={textAnchor} fontSize={12} fill="var(--mantine-color-gray-8)">
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? `${-((lines.length - 1) * 1.1) / 2 + 0.35}em` : '1.1em'}>
          {line}
        </tspan>
      ))}
    </text>
  )
}
