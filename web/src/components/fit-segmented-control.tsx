import { SegmentedControl, type SegmentedControlProps } from '@mantine/core'
import { useRef } from 'react'
import { useNarrowing } from './use-narrowing'

/**
 * A segmented control that, where its options do not fit side by side (four filters in Dutch on a
 * phone), stands them one under the other across the width. Measured, as tables are (ScrollTable),
 * since the same options stand in one row at 1,280 px (tested in Dutch) but need 405 px there,
 * more than a 360 px phone has (328).
 */
export function FitSegmentedControl(props: SegmentedControlProps) {
  const ref = useRef<HTMLDivElement>(null)
  const narrow = useNarrowing(ref, 1, controlWidth) === 1
  return (
    <div ref={ref}>
      <SegmentedControl
        {...props}
        orientation={narrow ? 'vertical' : props.orientation}
        fullWidth={narrow || props.fullWidth}
        w={narrow ? undefined : props.w}
      />
    </div>
  )
}

function controlWidth(box: HTMLElement): number | undefined {
  const control = box.firstElementChild
  return control instanceof HTMLElement ? control.scrollWidth : undefined
}
