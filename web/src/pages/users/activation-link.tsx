import { Alert, Button, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core'
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** The one-time activation link: shown once, handed to the user through a trusted channel. */
export function ActivationLinkPanel({ path, name }: { path: string; name: string }) {
  const { t } = useTranslation()
  const link = `${window.location.origin}${path}`
  return (
    <Alert color="petrol" variant="light" icon={<IconKey aria-hidden />} title={t('users.linkTitle', { name })} role="status">
      <Stack gap="sm">
        <Text size="sm">{t('users.linkIntro')}</Text>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <Textarea
            label={t('users.linkLabel')}
            value={link}
            readOnly
            autosize
            minRows={2}
            onFocus={(e) => e.currentTarget.select()}
            classNames={{ input: 'mono' }}
            data-testid="activation-link"
            flex={1}
          />
          <CopyButton value={link} timeout={3000}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                variant={copied ? 'light' : 'filled'}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {t(copied ? 'users.copied' : 'users.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" fw={500}>
          {t('users.linkOnce')}
        </Text>
        <Text size="sm">{t('users.noPasswords')}</Text>
      </Stack>
    </Alert>
  )
}
