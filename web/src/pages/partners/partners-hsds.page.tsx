import { Alert, Anchor, Button, Card, FileInput, List, Progress, Stack, Text, Title } from '@mantine/core'
import { IconCheck, IconDownload, IconUpload } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldError } from '../../../../common/contracts/problem.contracts'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { splitField, uploadHsds, type UploadPhase } from './hsds-upload'

/** The organisations' names in the file, read in the browser, so that a refusal can name the record. */
async function namesOf(file: File): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await file.text())
    return Array.isArray(parsed) ? parsed.map((o) => (o && typeof o === 'object' && 'name' in o ? String(o.name) : '')) : []
  } catch {
    return []
  }
}

/** One refusal of the import: which record, which field, what is wrong, in the reader's language. */
function ImportError({ error, names }: { error: FieldError; names: string[] }) {
  const { t, i18n } = useTranslation()
  const { index, field } = splitField(error.field)
  const what = i18n.exists(`partners.hsds.codes.${error.code}`)
    ? t(`partners.hsds.codes.${error.code}`)
    : i18n.exists(`validation.${error.code}`)
      ? t(`validation.${error.code}`)
      : t('validation.generic')
  const record = index === null ? t('partners.hsds.wholeFile') : t('partners.hsds.record', { number: index + 1, name: names[index] || '—' })
  return (
    <List.Item>
      <Text span fw={600}>
        {record}
      </Text>
      {field ? (
        <>
          {' · '}
          {t('partners.hsds.field')}{' '}
          <Text span ff="monospace" className="mono">
            {field}
          </Text>
        </>
      ) : null}
      {' — '}
      {what}
    </List.Item>
  )
}

/** The admin's import and export of the directory in Open Referral HSDS 3.0 JSON. */
export function PartnersHsdsPage() {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<UploadPhase | null>(null)
  const [names, setNames] = useState<string[]>([])
  const upload = useMutation({
    mutationFn: async (f: File) => {
      setNames(await namesOf(f))
      return uploadHsds(f, setPhase)
    },
    onSettled: () => setPhase(null),
    onSuccess: () => client.invalidateQueries({ queryKey: ['partners'] }),
  })
  const refused = isApiError(upload.error) && upload.error.fieldErrors.length > 0 ? upload.error.fieldErrors : null
  return (
    <>
      <PageHeader title={t('partners.hsds.title')} description={t('partners.hsds.intro')} />
      <Stack gap="lg" maw={760}>
        <Card withBorder padding="md" component="section" aria-labelledby="hsds-export">
          <Title order={2} size="h3" id="hsds-export" mb="xs">
            {t('partners.hsds.exportTitle')}
          </Title>
          <Text size="sm" mb="sm">
            {t('partners.hsds.exportIntro')}
          </Text>
          <Button
            component="a"
            href="/api/partners/hsds"
            download="partners-hsds.json"
            variant="light"
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            {t('partners.hsds.download')}
          </Button>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="hsds-import">
          <Title order={2} size="h3" id="hsds-import" mb="xs">
            {t('partners.hsds.importTitle')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault()
              if (file) upload.mutate(file)
            }}
          >
            <Stack gap="sm">
              <Text size="sm">{t('partners.hsds.importIntro')}</Text>
              <FileInput
                label={t('partners.hsds.file')}
                accept="application/json,.json"
                value={file}
                onChange={(f) => {
                  setFile(f)
                  upload.reset()
                }}
                data-testid="hsds-file"
              />
              <div>
                <Button type="submit" disabled={!file} loading={upload.isPending} leftSection={<IconUpload size={18} aria-hidden />}>
                  {t('partners.hsds.import')}
                </Button>
              </div>
            </Stack>
          </form>
          <div aria-live="polite" data-testid="hsds-status">
            {phase ? (
              <Stack gap={4} mt="sm">
                <Text size="sm">
                  {phase.kind === 'sending' ? t('partners.hsds.sending', { percent: phase.percent }) : t('partners.hsds.importing')}
                </Text>
                <Progress.Root size="lg">
                  <Progress.Section
                    value={phase.kind === 'sending' ? phase.percent : 100}
                    animated={phase.kind === 'importing'}
                    striped={phase.kind === 'importing'}
                    aria-label={t('partners.hsds.progress')}
                  />
                </Progress.Root>
              </Stack>
            ) : null}
            {upload.data ? (
              <Alert
                color="green"
                variant="light"
                icon={<IconCheck aria-hidden />}
                mt="sm"
                data-testid="hsds-imported"
                title={t('partners.hsds.done')}
              >
                {t('partners.hsds.result', {
                  organizations: t('partners.hsds.resultOrganizations', { count: upload.data.organizations }),
                  created: t('partners.hsds.resultCreated', { count: upload.data.created }),
                  updated: t('partners.hsds.resultUpdated', { count: upload.data.updated }),
                  services: t('partners.hsds.resultServices', { count: upload.data.services }),
                })}
              </Alert>
            ) : null}
          </div>
          {refused ? (
            <Alert
              color="red"
              variant="light"
              role="alert"
              mt="sm"
              title={t('partners.hsds.refused', { count: refused.length })}
              data-testid="hsds-errors"
            >
              <List size="sm" spacing={4}>
                {refused.map((e, i) => (
                  <ImportError key={i} error={e} names={names} />
                ))}
              </List>
            </Alert>
          ) : (
            <ErrorAlert error={upload.error} />
          )}
        </Card>
        <Anchor href="https://docs.openreferral.org/en/latest/hsds/overview.html" target="_blank" rel="noopener noreferrer" size="sm">
          {t('partners.hsds.about')}
        </Anchor>
      </Stack>
    </>
  )
}
