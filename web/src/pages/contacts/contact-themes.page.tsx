import { Alert, Badge, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconCheck, IconPlus } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { ThemeInput, ThemeView } from '../../../../common/contracts/contacts.contracts'
import { LANGUAGES } from '../../../../common/roles'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useThemes } from './use-contacts'

type Theme = z.infer<typeof ThemeView>
type Body = z.input<typeof ThemeInput>

/** The theme form: code (new themes only), the label in each language, order and whether it is offered. */
function ThemeForm({ theme, nextPosition, onDone }: { theme: Theme | null; nextPosition: number; onDone: (code: string) => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [d, setD] = useState<Body>(
    theme
      ? { code: theme.code, labels: theme.labels, active: theme.active, position: theme.position }
      : { code: '', labels: { fr: '', nl: '', de: '', en: '' }, active: true, position: nextPosition },
  )
  const save = useMutation({
    mutationFn: () =>
      theme
        ? api.put('/api/contact-themes/{code}', {
            path: { code: theme.code },
            body: { labels: d.labels, active: d.active, position: d.position },
            ifMatch: theme.version,
          })
        : api.post('/api/contact-themes', { body: d }),
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['contact-themes'] })
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
        {theme ? null : (
          <TextInput
            label={t('contactThemes.code')}
            description={t('contactThemes.codeHint')}
            required
            value={d.code}
            onChange={(e) => {
              const code = e.currentTarget.value
              setD((x) => ({ ...x, code }))
            }}
            error={errors.of('code')}
            data-testid="theme-code"
            data-autofocus
          />
        )}
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            lang={l}
            label={t('contactThemes.labelIn', { language: t(`duty.languages.${l}`) })}
            required
            value={d.labels[l]}
            onChange={(e) => {
              // Read now: the event's target is gone when React runs the updater.
              const value = e.currentTarget.value
              setD((x) => ({ ...x, labels: { ...x.labels, [l]: value } }))
            }}
            error={errors.of(`labels.${l}`)}
            data-testid={`theme-label-${l}`}
            data-autofocus={theme && l === 'fr' ? true : undefined}
          />
        ))}
        <NumberInput
          label={t('contactThemes.position')}
          min={0}
          max={999}
          value={d.position}
          onChange={(v) => setD((x) => ({ ...x, position: typeof v === 'number' ? v : 0 }))}
          error={errors.of('position')}
        />
        <Checkbox
          label={t('contactThemes.active')}
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

/** The admin's list of contact themes: labels in four languages, whether offered, and their order. */
export function ContactThemesPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const themes = useThemes()
  const [editing, setEditing] = useState<Theme | 'new' | null>(null)
  const [saved, setSaved] = useState(false)
  const items = themes.data?.items ?? []
  const done = (code: string) => {
    setEditing(null)
    setSaved(code !== '')
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('contactThemes.title')}
        description={t('contactThemes.intro')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('contactThemes.add')}
          </Button>
        }
      />
      <div className="live-region" aria-live="polite">
        {saved ? (
          <Alert variant="light" color="green" icon={<IconCheck aria-hidden />} data-testid="theme-saved">
            {t('contactThemes.saved')}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={themes.error} />
      {themes.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text>{t('contactThemes.empty')}</Text>
      ) : (
        <ScrollTable label={t('contactThemes.tableLabel')}>
          <Table verticalSpacing="xs" striped data-testid="contact-themes">
            <Table.Caption>{t('contactThemes.tableLabel')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contactThemes.position')}</Table.Th>
                <Table.Th scope="col">{t('contactThemes.label')}</Table.Th>
                <Table.Th scope="col">{t('contactThemes.code')}</Table.Th>
                <Table.Th scope="col">{t('contactThemes.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((theme) => (
                <Table.Tr key={theme.code}>
                  <Table.Td>{theme.position}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {theme.labels[lang]}
                  </Table.Th>
                  <Table.Td>
                    <Text span ff="monospace" size="sm">
                      {theme.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      component="span"
                      color={theme.active ? 'green' : 'gray'}
                      c={theme.active ? 'green.9' : 'gray.8'}
                      variant="light"
                      radius="sm"
                    >
                      {theme.active ? t('contactThemes.activeBadge') : t('contactThemes.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => {
                        setSaved(false)
                        setEditing(theme)
                      }}
                      aria-label={t('contactThemes.editOne', { label: theme.labels[lang] })}
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
          editing === 'new' ? t('contactThemes.addTitle') : editing ? t('contactThemes.editTitle', { label: editing.labels[lang] }) : ''
        }
      >
        {editing ? (
          <ThemeForm
            theme={editing === 'new' ? null : editing}
            nextPosition={items.reduce((m, x) => Math.max(m, x.position), 0) + 10}
            onDone={done}
          />
        ) : null}
      </AppModal>
    </Stack>
  )
}
