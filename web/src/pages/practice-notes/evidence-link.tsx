import { Anchor, Group, Text } from '@mantine/core'
import { IconChartBar } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { PracticeEvidence } from '../../../../common/contracts/practice-notes.contracts'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'

/** The indicator view a note rests on, opened again with the parameters it was saved with. */
export function indicatorsHref(e: PracticeEvidence): string {
  return `/indicators?${new URLSearchParams({ teamId: e.teamId, from: e.from, to: e.to }).toString()}`
}

export function EvidenceLink({ evidence, teamName }: { evidence: PracticeEvidence; teamName?: string }) {
  const { t, i18n } = useTranslation()
  const fmt = makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr')
  return (
    <Group gap={6} wrap="nowrap" data-testid="note-evidence">
      <IconChartBar size={16} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm">
        <Anchor component={Link} to={indicatorsHref(evidence)}>
          {t('practiceNotes.evidence.link', { from: fmt.date(evidence.from), to: fmt.date(evidence.to) })}
        </Anchor>
        {teamName ? ` · ${teamName}` : null}
      </Text>
    </Group>
  )
}
