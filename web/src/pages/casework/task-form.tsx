import { Button, Group, Select, Stack, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { IconPlus } from '@tabler/icons-react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView, TaskView } from '../../api/types'
import { DateField, TimeField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { focusFirstError } from '../../components/focus-error'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { RequiredNote } from '../../components/required-note'

type TaskBody = { title: string; dueDate: string; dueTime: string | null; assigneeId: string | null }

/**
 * The task's form, for a new task (`task` null: the case's tab, kept open for the next one) and
 * for changing one (its dialog). A new task without an assignee goes to its author; a task being
 * changed always names one, and its current assignee stays offered even if they left the case.
 */
export function TaskForm({
  a,
  task,
  meId,
  onClose,
}: {
  a: AccompanimentView
  task: TaskView | null
  meId?: string | undefined
  /** Called after a change is saved or on Cancel; a new task leaves the form open, emptied. */
  onClose?: () => void
}) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const editing = task !== null
  const [title, setTitle] = useState(task?.title ?? '')
  const [dueDate, setDueDate] = useState(task?.dueDate ?? '')
  const [dueTime, setDueTime] = useState(task?.dueTime ?? '')
  const [assigneeId, setAssigneeId] = useState<string | null>(
    task ? task.assigneeId : a.workers.some((w) => w.userId === meId) ? (meId ?? null) : null,
  )
  const [local, setLocal] = useState<FieldIssue[]>([])
  const form = useRef<HTMLFormElement>(null)
  const choices = a.workers.map((w) => ({ value: w.userId, label: w.name }))
  if (task && !choices.some((c) => c.value === task.assigneeId)) choices.push({ value: task.assigneeId, label: t('tasks.currentAssignee') })

  const save = useMutation({
    mutationFn: (body: TaskBody) =>
      task
        ? api.put('/api/accompaniments/{id}/tasks/{taskId}', {
            path: { id: a.id, taskId: task.id },
            body: { ...body, assigneeId: body.assigneeId ?? task.assigneeId },
            ifMatch: task.version,
          })
        : api.post('/api/accompaniments/{id}/tasks', { path: { id: a.id }, body }),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'tasks'] }),
        client.invalidateQueries({ queryKey: ['my-day'] }),
      ])
      if (editing) onClose?.()
      else {
        setTitle('')
        setDueDate('')
        setDueTime('')
      }
    },
    // Someone else saved first (412): reload the list so the next attempt starts from their version.
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
      ...(editing && !assigneeId ? [{ field: 'assigneeId', code: 'required' }] : []),
    ]
    setLocal(issues)
    if (issues.length) {
      focusFirstError(form.current)
      return
    }
    save.mutate({ title, dueDate, dueTime: dueTime || null, assigneeId })
  }
  const assignee = (
    <Select
      label={t('tasks.assignee')}
      description={editing ? t('tasks.assigneeHelp') : undefined}
      placeholder={editing ? undefined : t('tasks.assigneeMe')}
      required={editing}
      data={choices}
      value={assigneeId}
      onChange={setAssigneeId}
      clearable={!editing}
      allowDeselect={!editing}
      error={errors.of('assigneeId')}
      data-testid={editing ? 'task-assignee' : undefined}
    />
  )
  return (
    <form onSubmit={submit} noValidate ref={form}>
      <Stack gap={editing ? 'md' : 'sm'}>
        <RequiredNote />
        <ErrorAlert error={save.error && !errors.any ? save.error : null} />
        <TextInput
          label={t('tasks.title')}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.of('title')}
          data-autofocus={editing || undefined}
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
          {editing ? null : assignee}
        </Group>
        {editing ? assignee : null}
        {editing ? (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="task-save">
              {t('common.save')}
            </Button>
          </Group>
        ) : (
          <Group>
            <Button type="submit" leftSection={<IconPlus size={18} aria-hidden />} loading={save.isPending} data-testid="task-add">
              {t('tasks.addSubmit')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
