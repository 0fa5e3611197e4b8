import { Fragment } from 'react'

/**
 * An e-mail address that may break after its "@" and before each dot when it is wider than its
 * line (a phone), rather than anywhere: "responsable.wallonie@" / "demo.parcours.test".
 */
export function EmailAddress({ email }: { email: string }) {
  const parts = email.replace(/@/g, '@\n').replace(/\./g, '\n.').split('\n')
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  )
}
