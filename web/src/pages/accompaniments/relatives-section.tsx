import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core'
import { IconLink, IconPencil, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaseRelativeView } from '../../../../common/contracts/case-relatives.contracts'
import type { AccompanimentView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { LazyDialog, prefetchOnReach } from '../../components/lazy-dialog'
import { lazyNamed } from '../../components/lazy-page'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { StatusBadge } from './badges'
import { Section } from './case-details'
import { useRelatives } from './use-relatives'

// The form (a person picker, date fields) comes with its first opening (lazy-dialog.tsx).
const loadForm = () => import('./relative-form')
const RelativeForm = lazyNamed(loadForm, 'RelativeForm')

function RelativeItem({ r, onEdit }: { r: CaseRelativeView; onEdit?: () => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Stack component="li" gap={4} className="relative-item" data-testid="relative">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>
            {r.name}{' '}
            <Text span c="gray.7" fw={400}>
              · {t(`accompaniment.relationship.${r.relationship}`)}
            </Text>
          </Text>
          <Text size="sm">
            {t(`relatives.involvements.${r.involvement}`)} ·{' '}
            {r.consent === 'given' && r.consentOn
              ? t('relatives.consentGivenOn', { date: fmt.date(r.consentOn) })
              : t(`relatives.consents.${r.consent}`)}
          </Text>
          {r.endedOn ? (
            <Badge variant="outline" color="gray" mt={4}>
              {t('relatives.endedSince', { date: fmt.date(r.endedOn) })}
            </Badge>
          ) : null}
          {r.note ? (
            <Text size="sm" c="gray.8" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {r.note}
            </Text>
          ) : null}
          {r.linkedCases.map((c) => (
            <Group key={c.id} gap={6} mt={4}>
              <IconLink size={16} aria-hidden />
              <Anchor component={Link} to={`/accompaniments/${c.id}`} size="sm" className="mono">
                {t('relatives.ownCase', { code: c.code })}
              </Anchor>
              <StatusBadge status={c.status} />
            </Group>
          ))}
        </div>
        {onEdit ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={onEdit}
            {...prefetchOnReach(loadForm)}
            aria-label={t('relatives.edit', { name: r.name })}
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  )
}

/** The relatives involved in the case and the other cases about the same concerned person. */
export function RelativesSection({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const relatives = useRelatives(a.id)
  const [editing, setEditing] = useState<CaseRelativeView | 'new' | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const items = relatives.data?.items ?? []
  const related = relatives.data?.relatedCases ?? []
  return (
    <Section id="case-relatives" title={t('relatives.title')}>
      <Stack gap="md">
        <ErrorAlert error={relatives.error} />
        {relatives.isPending ? (
          <Loading />
        ) : items.length ? (
          <Stack component="ul" gap="md" className="plain-list">
            {items.map((r) => (
              <RelativeItem key={r.id} r={r} onEdit={writable ? () => setEditing(r) : undefined} />
            ))}
          </Stack>
        ) : (
          <Text c="gray.7">{t('relatives.empty')}</Text>
        )}
        {writable ? (
          <Group>
            <Button
              variant="light"
              leftSection={<IconUserPlus size={18} aria-hidden />}
              onClick={() => setEditing('new')}
              {...prefetchOnReach(loadForm)}
            >
              {t('relatives.add')}
            </Button>
          </Group>
        ) : null}
        {related.length ? (
          <Stack gap={6} component="section" aria-labelledby="related-cases">
            <Text fw={600} id="related-cases">
              {a.kind === 'concerned' ? t('relatives.relatedAboutPerson') : t('relatives.relatedConcerned')}
            </Text>
            <Stack component="ul" gap={4} className="plain-list">
              {related.map((c) => (
                <Group component="li" key={c.id} gap="xs">
                  <Anchor component={Link} to={`/accompaniments/${c.id}`} className="mono">
                    {c.code}
                  </Anchor>
                  <Text size="sm">
                    {t(`accompaniment.kind.${c.kind}`)}
                    {c.relationship ? ` · ${t(`accompaniment.relationship.${c.relationship}`)}` : ''}
                  </Text>
                  <StatusBadge status={c.status} />
                </Group>
              ))}
            </Stack>
          </Stack>
        ) : null}
      </Stack>
      <LazyDialog
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('relatives.add') : t('relatives.editTitle')}
      >
        {editing !== null ? (
          <RelativeForm a={a} existing={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        ) : null}
      </LazyDialog>
    </Section>
  )
}
