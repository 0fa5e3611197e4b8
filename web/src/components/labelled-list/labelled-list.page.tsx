import { Alert, Badge, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconCheck, IconPlus } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { AppModal } from '../app-modal'
import { ErrorAlert } from '../error-alert'
import { useFieldErrors } from '../field-errors'
import { Loading } from '../loading'
import { PageHeader } from '../page-header'
import { ScrollTable } from '../scroll-table'
import { isLanguage } from '../../i18n'
import type { UseQueryResult } from '@tanstack/react-query'

/** An entry of an admin-managed list: a code, its label in each language, its order and whether it is offered. */
export type LabelledEntry = { code: string; labels: Record<Language, string>; active: boolean; position: number; version: number }
type Body = { code: string; labels: Record<Language, string>; active: boolean; position: number }

/** What differs between two labelled lists: their words, test ids, query and the two writes. */
export type LabelledListKind = {
  /** i18n key prefix, e.g. `contactThemes`. */
  words: string
  /** Prefix of the form's test ids (`theme` gives `theme-code`, `theme-label-fr`, `theme-saved`). */
  testPrefix: string
  /** Test id of the table. */
  tableTestId: string
  queryKey: string
  useItems: () => UseQueryResult<{ items: LabelledEntry[] }>
  create: (body: Body) => Promise<{ code: string }>
  update: (entry: LabelledEntry, body: Omit<Body, 'code'>) => Promise<{ code: string }>
}

/** The entry form: code (new entries only), the label in each language, order and whether it is offered. */
function EntryForm({
  kind,
  entry,
  nextPosition,
  onDone,
}: {
  kind: LabelledListKind
  entry: LabelledEntry | null
  nextPosition: number
  onDone: (code: string) => void
}) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [d, setD] = useState<Body>(
    entry
      ? { code: entry.code, labels: entry.labels, active: entry.active, position: entry.position }
      : { code: '', labels: { fr: '', nl: '', de: '', en: '' }, active: true, position: nextPosition },
  )
  const save = useMutation({
    mutationFn: () => (entry ? kind.update(entry, { labels: d.labels, active: d.active, position: d.position }) : kind.create(d)),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: [kind.queryKey] })
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
        {entry ? null : (
          <TextInput
            label={t(`${kind.words}.code`)}
            description={t(`${kind.words}.codeHint`)}
            required
            value={d.code}
            onChange={(e) => {
              const code = e.currentTarget.value
              setD((x) => ({ ...x, code }))
            }}
            error={errors.of('code')}
            data-testid={`${kind.testPrefix}-code`}
            data-autofocus
          />
        )}
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            lang={l}
            label={t(`${kind.words}.labelIn`, { language: t(`duty.languages.${l}`) })}
            required
            value={d.labels[l]}
            onChange={(e) => {
              // Read now: the event's target is gone when React runs the updater.
              const value = e.currentTarget.value
              setD((x) => ({ ...x, labels: { ...x.labels, [l]: value } }))
            }}
            error={errors.of(`labels.${l}`)}
            data-testid={`${kind.testPrefix}-label-${l}`}
            data-autofocus={entry && l === 'fr' ? true : undefined}
          />
        ))}
        <NumberInput
          label={t(`${kind.words}.position`)}
          min={0}
          max={999}
          value={d.position}
          onChange={(v) => setD((x) => ({ ...x, position: typeof v === 'number' ? v : 0 }))}
          error={errors.of('position')}
        />
        <Checkbox
          label={t(`${kind.words}.active`)}
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

/** An admin's labelled list (contact themes, entry categories): labels in four languages, whether offered, and their order. */
export function LabelledListPage({ kind }: { kind: LabelledListKind }) {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const list = kind.useItems()
  const [editing, setEditing] = useState<LabelledEntry | 'new' | null>(null)
  const [saved, setSaved] = useState(false)
  const items = list.data?.items ?? []
  const done = (code: string) => {
    setEditing(null)
    setSaved(code !== '')
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title={t(`${kind.words}.title`)}
        description={t(`${kind.words}.intro`)}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t(`${kind.words}.add`)}
          </Button>
        }
      />
      <div className="live-region" aria-live="polite">
        {saved ? (
          <Alert variant="light" color="green" icon={<IconCheck aria-hidden />} data-testid={`${kind.testPrefix}-saved`}>
            {t(`${kind.words}.saved`)}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text>{t(`${kind.words}.empty`)}</Text>
      ) : (
        <ScrollTable label={t(`${kind.words}.tableLabel`)} stack="fields">
          <Table verticalSpacing="xs" striped data-testid={kind.tableTestId}>
            <Table.Caption>{t(`${kind.words}.tableLabel`)}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(`${kind.words}.position`)}</Table.Th>
                <Table.Th scope="col">{t(`${kind.words}.label`)}</Table.Th>
                {/* The code is for admins at a desk: on a phone the row keeps its label, state and Edit without sideways scrolling. */}
                <Table.Th scope="col" visibleFrom="sm">
                  {t(`${kind.words}.code`)}
                </Table.Th>
                <Table.Th scope="col">{t(`${kind.words}.state`)}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.code}>
                  <Table.Td>{entry.position}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {entry.labels[lang]}
                  </Table.Th>
                  <Table.Td visibleFrom="sm">
                    <Text span ff="monospace" size="sm">
                      {entry.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      component="span"
                      color={entry.active ? 'green' : 'gray'}
                      c={entry.active ? 'green.9' : 'gray.8'}
                      variant="light"
                      radius="sm"
                    >
                      {entry.active ? t(`${kind.words}.activeBadge`) : t(`${kind.words}.inactive`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => {
                        setSaved(false)
                        setEditing(entry)
                      }}
                      aria-label={t(`${kind.words}.editOne`, { label: entry.labels[lang] })}
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
          editing === 'new' ? t(`${kind.words}.addTitle`) : editing ? t(`${kind.words}.editTitle`, { label: editing.labels[lang] }) : ''
        }
      >
        {editing ? (
          <EntryForm
            kind={kind}
            entry={editing === 'new' ? null : editing}
            nextPosition={items.reduce((m, x) => Math.max(m, x.position), 0) + 10}
            onDone={done}
          />
        ) : null}
      </AppModal>
    </Stack>
  )
}
