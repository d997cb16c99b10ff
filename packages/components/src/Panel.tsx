import type { ReactNode } from 'react';
import { partProps } from './partProps';
import { useUnstyled } from './UnstyledProvider';
import { useId } from 'react';

/** A heading level for a panel's title. */
export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** Props shared by every status panel. */
export interface PanelBaseProps {
  /** The level of the panel's heading. @default 2 */
  headingLevel?: HeadingLevel;
  /** Extra class names on the root. */
  className?: string;
  /** Render none of our class names. @default the UnstyledProvider's value, else false */
  unstyled?: boolean;
}

/** Props of {@link Panel}. */
export interface PanelProps extends PanelBaseProps {
  /** The `data-part` name. */
  part: string;
  /** The `data-state`. */
  state?: string;
  /** The heading text. */
  title: ReactNode;
  /** What the panel says and holds. */
  children?: ReactNode;
  /** `status`: a polite live region (progress, done). */
  role?: 'status';
}

/**
 * The frame of a status panel: a section named by its heading. The heading takes focus
 * (`tabIndex=-1`) when the flow moves to this panel.
 */
export function Panel({ part, state, title, children, role, headingLevel = 2, className, unstyled: unstyledProp }: PanelProps) {
  const unstyled = useUnstyled(unstyledProp);
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section {...partProps(part, state, className, unstyled)} data-panel="" aria-labelledby={headingId} role={role}>
      <Heading id={headingId} tabIndex={-1} {...partProps('title', undefined, undefined, unstyled)}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
