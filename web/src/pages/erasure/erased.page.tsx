import { Button, Paper, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isApiError } from '../../api/client'
import { PageHeader } from '../../components/page-header'

/** The API answered 410: the person (or their case) was erased by crypto-shredding. */
export const isErased = (error: unknown): boolean => isApiError(error, 'resource.erased')

/**
 * What a person's or a case's page shows once the person was erased: a plain statement rather
 * than an error, since nothing went wrong; the record is kept only as a counted shell.
 */
export function ErasedPage({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  const { t } = useTranslation()
  return (
    <Stack maw={640}>
      <PageHeader title={t('erasure.erasedTitle')} />
      <Paper>
        <Stack gap="md" align="flex-start">
          <Text>{t('erasure.erasedBody')}</Text>
          <Button component={Link} to={backTo} variant="light">
            {backLabel}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  )
}
