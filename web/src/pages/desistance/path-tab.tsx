import { Tabs } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { AssessmentsPanel } from './assessments-panel'
import { NetworkPanel } from './network-panel'
import { PlanPanel } from './plan-panel'
import { TrajectoryPanel } from './trajectory-panel'

/**
 * The desistance path of one case, in four parts a worker goes through with the person:
 * what drew them in and what protects them (assessments and reviews), the life-domain plan,
 * the trajectory, and the network around them.
 */
export function PathTab({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const [part, setPart] = useState<string | null>('assessments')
  return (
    <Tabs value={part} onChange={setPart} keepMounted={false} variant="pills">
      <Tabs.List mb="md" aria-label={t('path.partsLabel')}>
        <Tabs.Tab value="assessments" data-testid="path-assessments">
          {t('path.assessments')}
        </Tabs.Tab>
        <Tabs.Tab value="plan" data-testid="path-plan">
          {t('path.plan')}
        </Tabs.Tab>
        <Tabs.Tab value="trajectory" data-testid="path-trajectory">
          {t('path.trajectory')}
        </Tabs.Tab>
        <Tabs.Tab value="network" data-testid="path-network">
          {t('path.network')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="assessments">
        <AssessmentsPanel a={a} canWrite={canWrite} />
      </Tabs.Panel>
      <Tabs.Panel value="plan">
        <PlanPanel a={a} canWrite={canWrite} />
      </Tabs.Panel>
      <Tabs.Panel value="trajectory">
        <TrajectoryPanel a={a} canWrite={canWrite} />
      </Tabs.Panel>
      <Tabs.Panel value="network">
        <NetworkPanel a={a} canWrite={canWrite} />
      </Tabs.Panel>
    </Tabs>
  )
}
