import { Anchor, FileInput, Group, Loader, Stack, Table, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { IconDownload, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { documentUrl, useDocuments } from './use-casework'

const UPLOAD_CODES = ['type_not_allowed', 'content_mismatch', 'empty'] as const

export function DocumentsTab({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const client = useQueryClient()
  const docs = useDocuments(a.id)
  const [file, setFile] = useState<File | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'

  const upload = useMutation({
    mutationFn: (f: File) => api.upload('/api/accompaniments/{id}/documents', f, { path: { id: a.id } }),
    onSuccess: async () => {
      setFile(null)
      await client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'documents'] })
    },
  })

  const uploadError = (() => {
    const e = upload.error
    if (!e) return undefined
    if (isApiError(e, 'payload.too_large')) return t('documents.error.too_large')
    const code = isApiError(e) ? e.fieldErrors.find((f) => (UPLOAD_CODES as readonly string[]).includes(f.code))?.code : undefined
    return code ? t(`documents.error.${code}`) : undefined
  })()

  return (
    <Stack gap="md">
      {writable ? (
        <Stack gap="xs">
          <FileInput
            label={t('documents.upload')}
            description={t('documents.uploadHelp')}
            leftSection={<IconUpload size={18} aria-hidden />}
            value={file}
            onChange={(f) => {
              setFile(f)
              upload.reset()
              if (f) upload.mutate(f)
            }}
            disabled={upload.isPending}
            error={uploadError}
            clearable
            data-testid="document-upload"
          />
          <div className="live-region" aria-live="polite">
            {upload.isPending ? (
              <Group gap="xs" role="status">
                <Loader size="sm" aria-hidden />
                <Text size="sm">{t('documents.uploading', { name: file?.name ?? '' })}</Text>
              </Group>
            ) : upload.isSuccess ? (
              <Text size="sm" role="status" c="green.9">
                {t('documents.uploaded')}
              </Text>
            ) : null}
          </div>
          {upload.error && !uploadError ? <ErrorAlert error={upload.error} /> : null}
        </Stack>
      ) : null}
      <ErrorAlert error={docs.error} />
      {docs.isPending ? (
        <Loading />
      ) : docs.data?.items.length ? (
        <ScrollTable label={t('documents.tableLabel')}>
          <Table data-testid="documents" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documents.name')}</Table.Th>
                <Table.Th scope="col">{t('documents.size')}</Table.Th>
                <Table.Th scope="col">{t('documents.uploadedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor href={documentUrl(a.id, d.id)} download={d.filename}>
                      <Group gap={6} wrap="nowrap" component="span">
                        <IconDownload size={16} aria-hidden />
                        <span>{d.filename}</span>
                      </Group>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{fmt.size(d.size)}</Table.Td>
                  <Table.Td>
                    {d.uploadedBy}
                    <Text size="sm" c="gray.7">
                      {fmt.dateTimeMinutes(d.uploadedAt)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : (
        <Text c="gray.7">{t('documents.empty')}</Text>
      )}
    </Stack>
  )
}
