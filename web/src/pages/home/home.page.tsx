import { Navigate } from 'react-router'
import { homePath, useMe } from '../../auth/use-me'
import { Loading } from '../../components/loading'

/** `/` sends the user to the first page their abilities allow. */
export function HomePage() {
  const { data: me } = useMe()
  if (!me) return <Loading />
  return <Navigate to={homePath(me)} replace />
}
