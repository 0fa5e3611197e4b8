import { Alert, Text } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client'

/** The translated message for any error thrown by the API client. */
export function useErrorMessage() {
  const { t } = useTranslation()
  return (error: unknown): string => {
    if (!isApiError(error)) return t('errors.unexpected')
    if (error.status === 0) return t('errors.network')
    return t(`errors.${error.code}`, { defaultValue: t('errors.unexpected') })
  }
}

/** A general (not field-specific) error, announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation()
  const message = useErrorMessage()
  if (!error) return null
  const requestId = isApiError(error) ? error.requestId : undefined
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('errors.title')} icon={<IconAlertCircle aria-hidden />}>
      <Text size="sm">{message(error)}</Text>
      {requestId ? (
        <Text size="xs" c="gray.8" mt={4}>
          {t('errors.reference', { id: requestId })}
        </Text>
      ) : null}
    </Alert>
  )
}
