import { Button, Group, Paper, Stack, Text, type ButtonProps } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** A button whose action is asked again in plain words before it runs. */
export function ConfirmButton(props: ButtonProps & { label: string; question: string; onConfirm: () => void; loading?: boolean }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const { label, question, onConfirm, ...buttonProps } = props
  if (!asking) {
    return (
      <Button {...buttonProps} onClick={() => setAsking(true)}>
        {label}
      </Button>
    )
  }
  return (
    <Paper p="sm" bg="gray.0" role="group" aria-label={label}>
      <Stack gap="xs">
        <Text size="sm">{question}</Text>
        <Group gap="xs">
          <Button
            size="xs"
            color={buttonProps.color}
            onClick={() => {
              setAsking(false)
              onConfirm()
            }}
            data-autofocus
          >
            {t('common.confirm')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setAsking(false)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
