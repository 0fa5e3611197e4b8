import { Alert, Badge, Button, Code, Group, List, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconAlertCircle, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { AssessmentForm } from '../desistance/assessment-form'
import { INSTRUMENTS_KEY, type InstrumentVersionView, type InstrumentView, useInstruments, useLabel } from '../desistance/use-assessments'
import { ClientKindsCell, ClientKindsModal } from './client-kinds'

/** Admins revise instruments as data: every change is a new version, earlier answer sets keep theirs. */
export function InstrumentsPage() {
  const { t } = useTranslation()
  const label = useLabel()
  const instruments = useInstruments()
  const [viewing, setViewing] = useState<{ code: string; version: number } | null>(null)
  const [editing, setEditing] = useState<{ instrument: InstrumentView | null } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [kindsOf, setKindsOf] = useState<InstrumentView | null>(null)
  // The dialog is unmounted on close, before Mantine could give the focus back: done here.
  const kindsOpener = useRef<HTMLButtonElement | null>(null)

  return (
    <>
      <PageHeader
        title={t('instruments.admin.title')}
        description={t('instruments.admin.description')}
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing({ instrument: null })}>
            {t('instruments.admin.newInstrument')}
          </Button>
        }
      />
      <div role="status">
        {notice ? (
          <Alert color="green" variant="light" mb="md">
            {notice}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={instruments.error} />
      {instruments.data ? (
        <ScrollTable label={t('instruments.admin.tableLabel')} stack="fields">
          <Table verticalSpacing="sm" data-testid="instruments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('instruments.admin.name')}</Table.Th>
                <Table.Th scope="col">{t('instruments.admin.code')}</Table.Th>
                <Table.Th scope="col">{t('instruments.admin.kind')}</Table.Th>
                <Table.Th scope="col">{t('instrumentKinds.column')}</Table.Th>
                <Table.Th scope="col">{t('instruments.admin.versions')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {instruments.data.items.map((i) => {
                const title = label(i.latest.definition.title)
                return (
                  <Table.Tr key={i.code} data-testid={`instrument-row-${i.code}`}>
                    <Table.Td fw={500}>{title}</Table.Td>
                    <Table.Td>
                      <Code>{i.code}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={i.builtIn ? 'gray' : 'blue'}>
                        {i.builtIn ? t('instruments.admin.builtIn') : t('instruments.admin.custom')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <ClientKindsCell instrument={i} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {i.versions.map((v) => (
                          <Button
                            key={v.id}
                            size="compact-sm"
                            variant={v.version === i.latest.version ? 'light' : 'subtle'}
                            onClick={() => setViewing({ code: i.code, version: v.version })}
                            aria-label={t('instruments.admin.viewVersion', { version: v.version, title })}
                          >
                            {`v${v.version}`}
                          </Button>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {i.purpose === 'case' ? (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={(e) => {
                              kindsOpener.current = e.currentTarget
                              setKindsOf(i)
                            }}
                            aria-label={t('instrumentKinds.changeFor', { title })}
                            data-testid={`client-kinds-edit-${i.code}`}
                          >
                            {t('instrumentKinds.change')}
                          </Button>
                        ) : null}
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setEditing({ instrument: i })}
                          aria-label={t('instruments.admin.newVersionOf', { title })}
                          data-testid={`new-version-${i.code}`}
                        >
                          {t('instruments.admin.newVersion')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : instruments.isPending ? (
        <Loading />
      ) : null}
      {kindsOf ? (
        <ClientKindsModal
          instrument={kindsOf}
          onClose={(saved) => {
            setKindsOf(null)
            if (saved) setNotice(t('instrumentKinds.saved'))
            requestAnimationFrame(() => kindsOpener.current?.focus())
          }}
        />
      ) : null}
      {viewing ? <VersionModal code={viewing.code} version={viewing.version} onClose={() => setViewing(null)} /> : null}
      {editing ? (
        <DefinitionModal
          instrument={editing.instrument}
          onClose={(created) => {
            setEditing(null)
            if (created) setNotice(t('instruments.admin.created', { version: created.version }))
          }}
        />
      ) : null}
    </>
  )
}

function VersionModal({ code, version, onClose }: { code: string; version: number; onClose: () => void }) {
  const { t } = useTranslation()
  const label = useLabel()
  const fmt = useFormat()
  const v = useQuery({
    queryKey: ['instruments', code, version],
    queryFn: ({ signal }) => api.get('/api/instruments/{code}/versions/{version}', { path: { code, version }, signal }),
  })
  const title = v.data ? t('instruments.admin.versionTitle', { title: label(v.data.definition.title), version }) : code
  return (
    <AppModal opened onClose={onClose} title={title} size="xl">
      <ErrorAlert error={v.error} />
      {v.data ? (
        <Stack gap="md">
          <Text size="sm" c="gray.7">
            {v.data.createdByName
              ? t('instruments.admin.createdBy', { date: fmt.dateTimeShort(v.data.createdAt), name: v.data.createdByName })
              : t('instruments.admin.createdBuiltIn', { date: fmt.dateTimeShort(v.data.createdAt) })}
          </Text>
          <Title order={3} size="h5">
            {t('instruments.admin.preview')}
          </Title>
          <AssessmentForm definition={v.data.definition} answers={{}} onChange={() => undefined} readOnly errorOf={() => undefined} />
          <Title order={3} size="h5">
            {t('instruments.admin.definition')}
          </Title>
          <Code block style={{ maxHeight: 320, overflow: 'auto' }} tabIndex={0}>
            {JSON.stringify(v.data.definition, null, 2)}
          </Code>
        </Stack>
      ) : v.isPending ? (
        <Loading />
      ) : null}
    </AppModal>
  )
}

/** A definition edited as JSON; the server's checks come back as a readable list of paths. */
function DefinitionModal({
  instrument,
  onClose,
}: {
  instrument: InstrumentView | null
  onClose: (created: InstrumentVersionView | null) => void
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const client = useQueryClient()
  const [code, setCode] = useState('')
  const [text, setText] = useState(() =>
    JSON.stringify(instrument?.latest.definition ?? { title: { fr: '', nl: '', de: '', en: '' }, sections: [] }, null, 2),
  )
  const [jsonError, setJsonError] = useState(false)
  const [sent, setSent] = useState<unknown>(null)
  const where = useErrorPlace(sent)
  const save = useMutation({
    // The admin's JSON as typed: the server checks it and answers 400 naming each wrong field.
    mutationFn: (typed: unknown) => {
      const definition = typed as InstrumentVersionView['definition']
      return instrument
        ? api.post('/api/instruments/{code}/versions', { path: { code: instrument.code }, body: { definition } })
        : api.post('/api/instruments', { body: { code, definition } })
    },
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: INSTRUMENTS_KEY })
      onClose(created)
    },
  })
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors : []
  const codeError = fieldErrors.find((e) => e.field === 'code')
  const definitionErrors = fieldErrors.filter((e) => e.field !== 'code')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      setJsonError(true)
      return
    }
    setJsonError(false)
    setSent(parsed)
    save.mutate(parsed)
  }

  const title = instrument
    ? t('instruments.admin.newVersionOf', { title: label(instrument.latest.definition.title) })
    : t('instruments.admin.newInstrument')
  return (
    <AppModal opened onClose={() => onClose(null)} title={title} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!instrument ? (
            <TextInput
              label={t('instruments.admin.code')}
              description={t('instruments.admin.codeHelp')}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={codeError ? t(`instruments.admin.defErrors.${codeError.code}`, { defaultValue: codeError.message }) : undefined}
              data-testid="instrument-code"
            />
          ) : null}
          {jsonError || definitionErrors.length ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              icon={<IconAlertCircle aria-hidden />}
              title={t('instruments.admin.errorsTitle')}
            >
              {jsonError ? (
                <Text size="sm">{t('instruments.admin.invalidJson')}</Text>
              ) : (
                <List size="sm" data-testid="definition-errors">
                  {definitionErrors.map((e) => (
                    <List.Item key={`${e.field}:${e.code}`}>
                      {where(e.field)}
                      {t(`instruments.admin.defErrors.${e.code}`, { defaultValue: e.message })} <Code>{e.field}</Code>
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          ) : (
            <ErrorAlert error={save.error && !fieldErrors.length ? save.error : null} />
          )}
          <Textarea
            label={t('instruments.admin.definition')}
            description={t('instruments.admin.definitionHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={12}
            maxRows={28}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            data-testid="definition-json"
          />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="definition-save">
              {t('common.save')}
            </Button>
            <Button variant="default" onClick={() => onClose(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}

type Node = { key?: unknown; title?: unknown; label?: unknown; sections?: unknown; items?: unknown }

/**
 * "Section 2 (Ce qui a poussé) › question 1 (Griefs): " for `definition.sections.1.items.0.…`,
 * so that an admin finds the place without counting array indexes.
 */
function useErrorPlace(sent: unknown) {
  const { t } = useTranslation()
  const label = useLabel()
  const name = (n: Node | undefined, field: 'title' | 'label') => {
    const value = n?.[field]
    const text = value && typeof value === 'object' ? label(value as Parameters<typeof label>[0]) : ''
    return text ? ` (${text})` : ''
  }
  return (field: string): string => {
    const m = /^definition\.sections\.(\d+)(?:\.items\.(\d+))?/.exec(field)
    if (!m) return ''
    const sections = (sent as Node | null)?.sections
    const section = Array.isArray(sections) ? (sections[Number(m[1])] as Node | undefined) : undefined
    let place = `${t('instruments.admin.sectionN', { n: Number(m[1]) + 1 })}${name(section, 'title')}`
    if (m[2] !== undefined) {
      const items = section?.items
      const item = Array.isArray(items) ? (items[Number(m[2])] as Node | undefined) : undefined
      place += ` › ${t('instruments.admin.itemN', { n: Number(m[2]) + 1 })}${name(item, 'label')}`
    }
    return `${place} — `
  }
}
