import { Button, Group, Select, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView, TaskView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { DateField, TimeField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'

type TaskUpdate = { title: string; dueDate: string; dueTime: string | null; assigneeId: string }

/** Change a task: its title, due date and time, or hand it to another of the case's workers. */
export function TaskEditDialog({ a, task, onClose }: { a: AccompanimentView; task: TaskView; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [title, setTitle] = useState(task.title)
  const [dueDate, setDueDate] = useState(task.dueDate)
  const [dueTime, setDueTime] = useState(task.dueTime ?? '')
  const [assigneeId, setAssigneeId] = useState<string | null>(task.assigneeId)
  const [local, setLocal] = useState<{ field: string; code: string }[]>([])
  // The case's workers; the current assignee stays offered even if they no longer work on it.
  const choices = a.workers.map((w) => ({ value: w.userId, label: w.name }))
  if (!choices.some((c) => c.value === task.assigneeId)) choices.push({ value: task.assigneeId, label: t('tasks.currentAssignee') })

  const save = useMutation({
    mutationFn: (body: TaskUpdate) =>
      api.put('/api/accompaniments/{id}/tasks/{taskId}', { path: { id: a.id, taskId: task.id }, body, ifMatch: task.version }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'tasks'] }),
        client.invalidateQueries({ queryKey: ['my-day'] }),
      ])
      onClose()
    },
    onError: (e) => {
      if (isApiError(e, 'version.mismatch')) void client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'tasks'] })
    },
  })
  const errors = useFieldErrors(save.error, local)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues = [
      ...(title.trim() ? [] : [{ field: 'title', code: 'required' }]),
      ...(dueDate ? [] : [{ field: 'dueDate', code: 'required' }]),
      ...(assigneeId ? [] : [{ field: 'assigneeId', code: 'required' }]),
    ]
    setLocal(issues)
    if (issues.length || !assigneeId) return
    save.mutate({ title, dueDate, dueTime: dueTime || null, assigneeId })
  }
  return (
    <AppModal opened onClose={onClose} title={t('tasks.editTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorAlert error={save.error && !errors.any ? save.error : null} />
          <TextInput
            label={t('tasks.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.of('title')}
            data-autofocus
          />
          <Group grow align="flex-start">
            <DateField label={t('tasks.dueDate')} required value={dueDate} onChange={(v) => setDueDate(v)} error={errors.of('dueDate')} />
            <TimeField
              label={t('tasks.dueTime')}
              description={t('tasks.dueTimeHelp')}
              value={dueTime}
              onChange={(v) => setDueTime(v)}
              error={errors.of('dueTime')}
              clearable
            />
          </Group>
          <Select
            label={t('tasks.assignee')}
            description={t('tasks.assigneeHelp')}
            required
            data={choices}
            value={assigneeId}
            onChange={setAssigneeId}
            allowDeselect={false}
            error={errors.of('assigneeId')}
            data-testid="task-assignee"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="task-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
