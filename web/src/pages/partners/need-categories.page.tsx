import { Alert, Badge, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconCheck, IconPlus } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { NeedCategoryInput, NeedCategoryView } from '../../../../common/contracts/partners.contracts'
import { LANGUAGES } from '../../../../common/roles'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useNeedCategories } from './use-partners'

type Need = z.infer<typeof NeedCategoryView>
type Body = z.input<typeof NeedCategoryInput>

/** The need category form: code (new categories only), the label in each language, order and whether it is offered. */
function NeedForm({ need, nextPosition, onDone }: { need: Need | null; nextPosition: number; onDone: (code: string) => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [d, setD] = useState<Body>(
    need
      ? { code: need.code, labels: need.labels, active: need.active, position: need.position }
      : { code: '', labels: { fr: '', nl: '', de: '', en: '' }, active: true, position: nextPosition },
  )
  const save = useMutation({
    mutationFn: () =>
      need
        ? api.put('/api/need-categories/{code}', {
            path: { code: need.code },
            body: { labels: d.labels, active: d.active, position: d.position },
            ifMatch: need.version,
          })
        : api.post('/api/need-categories', { body: d }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['need-categories'] })
      onDone(saved.code)
    },
  })
  const errors = useFieldErrors(save.error)
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
    >
      <Stack gap="sm">
        {need ? null : (
          <TextInput
            label={t('partners.needCategories.code')}
            description={t('partners.needCategories.codeHint')}
            required
            value={d.code}
            onChange={(e) => {
              const code = e.currentTarget.value
              setD((x) => ({ ...x, code }))
            }}
            error={errors.of('code')}
            data-testid="need-code"
            data-autofocus
          />
        )}
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            lang={l}
            label={t('partners.needCategories.labelIn', { language: t(`duty.languages.${l}`) })}
            required
            value={d.labels[l]}
            onChange={(e) => {
              // Read now: the event's target is gone when React runs the updater.
              const value = e.currentTarget.value
              setD((x) => ({ ...x, labels: { ...x.labels, [l]: value } }))
            }}
            error={errors.of(`labels.${l}`)}
            data-testid={`need-label-${l}`}
            data-autofocus={need && l === 'fr' ? true : undefined}
          />
        ))}
        <NumberInput
          label={t('partners.needCategories.position')}
          min={0}
          max={999}
          value={d.position}
          onChange={(v) => setD((x) => ({ ...x, position: typeof v === 'number' ? v : 0 }))}
          error={errors.of('position')}
        />
        <Checkbox
          label={t('partners.needCategories.active')}
          checked={d.active}
          onChange={(e) => {
            const active = e.currentTarget.checked
            setD((x) => ({ ...x, active }))
          }}
        />
        <ErrorAlert error={errors.any ? null : save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone('')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The admin's list of need categories of the partner directory: labels in four languages, whether offered, and their order. */
export function NeedCategoriesPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const needs = useNeedCategories()
  const [editing, setEditing] = useState<Need | 'new' | null>(null)
  const [saved, setSaved] = useState(false)
  const items = needs.data?.items ?? []
  const done = (code: string) => {
    setEditing(null)
    setSaved(code !== '')
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('partners.needCategories.title')}
        description={t('partners.needCategories.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('partners.needCategories.add')}
          </Button>
        }
      />
      <div className="live-region" aria-live="polite">
        {saved ? (
          <Alert variant="light" color="green" icon={<IconCheck aria-hidden />} data-testid="need-saved">
            {t('partners.needCategories.saved')}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={needs.error} />
      {needs.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text>{t('partners.needCategories.empty')}</Text>
      ) : (
        <ScrollTable label={t('partners.needCategories.tableLabel')}>
          <Table verticalSpacing="xs" striped data-testid="need-categories">
            <Table.Caption>{t('partners.needCategories.tableLabel')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('partners.needCategories.position')}</Table.Th>
                <Table.Th scope="col">{t('partners.needCategories.label')}</Table.Th>
                <Table.Th scope="col">{t('partners.needCategories.code')}</Table.Th>
                <Table.Th scope="col">{t('partners.needCategories.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((need) => (
                <Table.Tr key={need.code}>
                  <Table.Td>{need.position}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {need.labels[lang]}
                  </Table.Th>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {need.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      component="span"
                      color={need.active ? 'green' : 'gray'}
                      c={need.active ? 'green.9' : 'gray.8'}
                      variant="light"
                      radius="sm"
                    >
                      {need.active ? t('partners.needCategories.activeBadge') : t('partners.needCategories.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => {
                        setSaved(false)
                        setEditing(need)
                      }}
                      aria-label={t('partners.needCategories.editOne', { label: need.labels[lang] })}
                    >
                      {t('common.edit')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new'
            ? t('partners.needCategories.addTitle')
            : editing
              ? t('partners.needCategories.editTitle', { label: editing.labels[lang] })
              : ''
        }
      >
        {editing ? (
          <NeedForm
            need={editing === 'new' ? null : editing}
            nextPosition={items.reduce((m, x) => Math.max(m, x.position), 0) + 10}
            onDone={done}
          />
        ) : null}
      </AppModal>
    </Stack>
  )
}
