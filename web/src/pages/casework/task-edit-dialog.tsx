import { useTranslation } from 'react-i18next'
import type { AccompanimentView, TaskView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { TaskForm } from './task-form'

/** Change a task: its title, due date and time, or hand it to another of the case's workers. */
export function TaskEditDialog({ a, task, onClose }: { a: AccompanimentView; task: TaskView; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <AppModal opened onClose={onClose} title={t('tasks.editTitle')}>
      <TaskForm a={a} task={task} onClose={onClose} />
    </AppModal>
  )
}
