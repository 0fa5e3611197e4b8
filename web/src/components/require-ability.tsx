import { Outlet } from 'react-router'
import { can, useMe } from '../auth/use-me'
import type { Permission } from '../../../common/permissions'
import { NotFoundPage } from '../pages/not-found/not-found.page'

/** Pages the user cannot use answer like a missing page: nothing to see here. */
export function RequireAbility({ ability }: { ability: Permission }) {
  const { data: me } = useMe()
  return can(me, ability) ? <Outlet /> : <NotFoundPage />
}
