import type { CSSProperties } from 'react';

/**
 * Hides text visually but not from screen readers. Inline on purpose: live regions must stay
 * hidden in the unstyled mode too, where none of our CSS applies.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
