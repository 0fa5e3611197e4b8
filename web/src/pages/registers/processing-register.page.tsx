import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconDownload, IconPencil, IconPrinter } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PURPOSES, type ProcessingRegister, type Purpose, type RegisterSettings } from '../../../../common/contracts/registers.contracts'
import { api, isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import './registers.css'

const KEY = ['processing-register'] as const

/** A value the DPO has not written yet says so, in the printout too. */
function Written({ value }: { value: string | undefined }) {
  const { t } = useTranslation()
  return value?.trim() ? (
    <Text className="pre-wrap">{value}</Text>
  ) : (
    <Text c="orange.9" fs="italic">
      {t('registers.toBeSet')}
    </Text>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    // Not a landmark: the tables inside are the labelled regions, and a region per section would repeat their names.
    <section className="register-section">
      <Title order={2} size="h3" id={`register-${id}`} mb="sm">
        {title}
      </Title>
      {children}
    </section>
  )
}

/**
 * The records of processing (art. 30): what Parcours knows about its own processing, generated
 * on each reading, completed where only the service knows; printed from the browser (its print
 * stylesheet leaves the application's frame out) or downloaded as JSON.
 */
export function ProcessingRegisterPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = useFormat()
  const register = useQuery({ queryKey: KEY, queryFn: () => api.get('/api/processing-register') })
  const [editing, setEditing] = useState(false)
  if (!register.data) return register.error ? <ErrorAlert error={register.error} /> : <Loading />
  const r = register.data
  const s = r.settings
  const download = () => {
    const blob = new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' })
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = `processing-register-${r.generatedAt.slice(0, 10)}.json`
    a.click()
    URL.revokeObjectURL(url)
  }
  const purposeText = (code: Purpose, field: 'description' | 'legalBasis') => s.purposes[code]?.[field]?.trim()

  return (
    <Stack gap="xl" className="register-print">
      <PageHeader
        title={t('registers.register.title')}
        description={t('registers.register.intro')}
        actions={
          <Group gap="sm" className="no-print">
            <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('registers.register.edit')}
            </Button>
            <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={download}>
              {t('registers.register.json')}
            </Button>
            <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
              {t('registers.register.print')}
            </Button>
          </Group>
        }
      />
      <Text size="sm" c="gray.7">
        {t('registers.register.generated', { at: fmt.dateTimeShort(r.generatedAt), version: r.version })}
        {r.updatedAt ? ` ${t('registers.register.updated', { at: fmt.dateTimeShort(r.updatedAt), by: r.updatedBy ?? '' })}` : ''}
      </Text>

      <Section id="controller" title={t('registers.register.controller')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('registers.register.controllerTitle')}
            </Title>
            <dl className="register-dl">
              {(['name', 'address', 'enterpriseNumber', 'representative', 'contact'] as const).map((f) => (
                <div key={f}>
                  <dt>{t(`registers.settings.controller.${f}`)}</dt>
                  <dd>
                    <Written value={s.controller[f]} />
                  </dd>
                </div>
              ))}
            </dl>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('registers.register.dpoTitle')}
            </Title>
            <dl className="register-dl">
              {(['name', 'email', 'phone'] as const).map((f) => (
                <div key={f}>
                  <dt>{t(`registers.settings.dpo.${f}`)}</dt>
                  <dd>
                    <Written value={s.dpo[f]} />
                  </dd>
                </div>
              ))}
            </dl>
          </Paper>
        </SimpleGrid>
      </Section>

      <Section id="purposes" title={t('registers.register.purposes')}>
        <ScrollTable label={t('registers.register.purposes')} stack="fields">
          <Table verticalSpacing="sm" data-testid="register-purposes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('registers.register.purpose')}</Table.Th>
                <Table.Th scope="col">{t('registers.register.legalBasis')}</Table.Th>
                <Table.Th scope="col">{t('registers.register.subjectCategories')}</Table.Th>
                <Table.Th scope="col">{t('registers.register.dataCategories')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.purposes.map((p) => (
                <Table.Tr key={p.code}>
                  <Table.Th scope="row" fw={400}>
                    <Text fw={600}>{t(`registers.purposes.${p.code}.name`)}</Text>
                    <Text size="sm" className="pre-wrap">
                      {purposeText(p.code, 'description') ?? t(`registers.purposes.${p.code}.description`)}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    <Written value={purposeText(p.code, 'legalBasis')} />
                  </Table.Td>
                  <Table.Td>{p.subjectCategories.map((c) => t(`registers.subjects.${c}`)).join(', ')}</Table.Td>
                  <Table.Td>{p.dataCategories.map((c) => t(`registers.data.${c}`)).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Section>

      <Section id="data" title={t('registers.register.dataCategories')}>
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="register-data">
          {r.dataCategories.map((c) => (
            <li key={c.code}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{t(`registers.data.${c.code}`)}</Text>
                {c.special ? (
                  <Badge color="red" variant="outline">
                    {t(`registers.special.${c.special}`)}
                  </Badge>
                ) : null}
                {c.sealed ? (
                  <Badge color="petrol" variant="outline">
                    {t('registers.register.sealed')}
                  </Badge>
                ) : null}
              </Group>
            </li>
          ))}
        </Stack>
      </Section>

      <Section id="subjects" title={t('registers.register.subjectCategories')}>
        <List spacing={4}>
          {r.subjectCategories.map((c) => (
            <List.Item key={c.code}>
              {t(`registers.subjects.${c.code}`)}
              {c.roles.length
                ? ` — ${c.roles.map((x) => t('registers.register.roleAccounts', { role: t(`roles.${x.role}`), count: x.accounts })).join(', ')}`
                : ''}
            </List.Item>
          ))}
        </List>
      </Section>

      <Section id="recipients" title={t('registers.register.recipients')}>
        <Stack gap="sm">
          <List spacing={4}>
            {r.recipients.builtIn.map((b) => (
              <List.Item key={b}>{t(`registers.recipients.${b}`)}</List.Item>
            ))}
          </List>
          <Title order={3} size="h5">
            {t('registers.register.partners', { count: r.recipients.partners.length })}
          </Title>
          {r.recipients.partners.length ? (
            <ScrollTable label={t('registers.register.partners', { count: r.recipients.partners.length })} stack="figures">
              <Table data-testid="register-partners">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('registers.register.partnerName')}</Table.Th>
                    <Table.Th scope="col">{t('registers.register.charter')}</Table.Th>
                    <Table.Th scope="col">{t('registers.register.partnerActive')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.recipients.partners.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Th scope="row" fw={400}>
                        {p.name}
                      </Table.Th>
                      <Table.Td>{p.charterSignedOn ? fmt.day(p.charterSignedOn) : t('registers.register.noCharter')}</Table.Td>
                      <Table.Td>{p.active ? t('registers.yes') : t('registers.no')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          ) : null}
          <Title order={3} size="h5">
            {t('registers.settings.otherRecipients')}
          </Title>
          <Written value={s.otherRecipients} />
        </Stack>
      </Section>

      <Section id="legal-bases" title={t('registers.register.legalBases')}>
        <List spacing={4}>
          {r.legalBases.map((b) => (
            <List.Item key={b.code}>
              {b.label[lang]} — {b.reference}
              {b.active ? '' : ` (${t('registers.register.retired')})`}
            </List.Item>
          ))}
        </List>
      </Section>

      <Section id="transfers" title={t('registers.settings.transfers')}>
        <Written value={s.transfers} />
      </Section>

      <Section id="retention" title={t('registers.register.retention')}>
        <Stack gap="xs">
          {r.retention.toBeSet ? (
            <Alert color="orange" variant="light">
              {t('registers.register.retentionToBeSet')}
            </Alert>
          ) : null}
          <Written value={s.retention} />
        </Stack>
      </Section>

      <Section id="security" title={t('registers.register.security')}>
        <List spacing={4}>
          {r.securityMeasures.map((m) => (
            <List.Item key={m}>{t(`registers.security.${m}`)}</List.Item>
          ))}
        </List>
        <Title order={3} size="h5" mt="sm">
          {t('registers.settings.securityNotes')}
        </Title>
        <Written value={s.securityNotes} />
      </Section>

      <AppModal opened={editing} onClose={() => setEditing(false)} title={t('registers.register.edit')} size="xl">
        <SettingsForm register={r} onDone={() => setEditing(false)} />
      </AppModal>
    </Stack>
  )
}

function SettingsForm({ register, onDone }: { register: ProcessingRegister; onDone: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [s, setS] = useState<RegisterSettings>(register.settings)
  const save = useMutation({
    mutationFn: () => api.put('/api/processing-register', { body: s, ifMatch: register.version }),
    onSuccess: (r) => {
      queryClient.setQueryData(KEY, r)
      onDone()
    },
  })
  const errors = useFieldErrors(save.error)
  const text = (label: string, value: string, onChange: (v: string) => void, field: string, long = false) =>
    long ? (
      <Textarea
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={2}
        error={errors.of(field)}
      />
    ) : (
      <TextInput label={label} value={value} onChange={(e) => onChange(e.currentTarget.value)} error={errors.of(field)} />
    )
  const purpose = (code: Purpose) => s.purposes[code] ?? { description: '', legalBasis: '' }
  const setPurpose = (code: Purpose, patch: Partial<{ description: string; legalBasis: string }>) =>
    setS({ ...s, purposes: { ...s.purposes, [code]: { ...purpose(code), ...patch } } })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
    >
      <Stack gap="md">
        {isApiError(save.error, 'version.mismatch') ? (
          <Alert color="orange" variant="light" role="alert">
            {t('registers.stale')}
          </Alert>
        ) : (
          <ErrorAlert error={save.error} />
        )}
        <Title order={3} size="h5">
          {t('registers.register.controllerTitle')}
        </Title>
        {(['name', 'address', 'enterpriseNumber', 'representative', 'contact'] as const).map((f) => (
          <div key={f}>
            {text(
              t(`registers.settings.controller.${f}`),
              s.controller[f],
              (v) => setS({ ...s, controller: { ...s.controller, [f]: v } }),
              `controller.${f}`,
              f === 'address',
            )}
          </div>
        ))}
        <Title order={3} size="h5">
          {t('registers.register.dpoTitle')}
        </Title>
        {(['name', 'email', 'phone'] as const).map((f) => (
          <div key={f}>
            {text(t(`registers.settings.dpo.${f}`), s.dpo[f], (v) => setS({ ...s, dpo: { ...s.dpo, [f]: v } }), `dpo.${f}`)}
          </div>
        ))}
        <Title order={3} size="h5">
          {t('registers.register.purposes')}
        </Title>
        {PURPOSES.map((code) => (
          <Paper key={code} withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600}>{t(`registers.purposes.${code}.name`)}</Text>
              {text(
                t('registers.settings.purposeDescription'),
                purpose(code).description,
                (v) => setPurpose(code, { description: v }),
                `purposes.${code}.description`,
                true,
              )}
              {text(
                t('registers.register.legalBasis'),
                purpose(code).legalBasis,
                (v) => setPurpose(code, { legalBasis: v }),
                `purposes.${code}.legalBasis`,
              )}
            </Stack>
          </Paper>
        ))}
        {(['otherRecipients', 'transfers', 'retention', 'securityNotes'] as const).map((f) => (
          <div key={f}>{text(t(`registers.settings.${f}`), s[f], (v) => setS({ ...s, [f]: v }), f, true)}</div>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('registers.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
