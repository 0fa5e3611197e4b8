import { Progress, Stack, Text } from '@mantine/core'

type Props = {
  /** Waiting for a runner: the bar stays at zero. */
  queued: boolean
  progress: { done: number; total: number | null } | null
  /** The bar's accessible name. */
  label: string
  /** What is said under the bar, announced politely as it changes. */
  text: string
  testId: string
  size?: 'md' | 'lg'
  textSize?: 'xs' | 'sm'
}

/**
 * How far a background job has gone (an export, an extract): a named progress bar and a sentence,
 * for the screens that follow one. Not animated: a page that never stops moving never settles.
 */
export function JobProgress({ queued, progress, label, text, testId, size = 'lg', textSize = 'sm' }: Props) {
  const percent = progress?.total ? Math.round((progress.done / progress.total) * 100) : 0
  return (
    <Stack gap={4}>
      <Progress value={queued ? 0 : percent} striped size={size} aria-label={label} data-testid={testId} />
      <Text size={textSize} c="gray.7" aria-live="polite">
        {text}
      </Text>
    </Stack>
  )
}
