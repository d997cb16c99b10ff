import { createContext, useContext, type ReactNode } from 'react';

const UnstyledContext = createContext(false);

/** Props of {@link UnstyledProvider}. */
export interface UnstyledProviderProps {
  /** Render none of the kit's class names below this point. @default true */
  unstyled?: boolean;
  /** The parts to render unstyled. */
  children?: ReactNode;
}

/**
 * Turns the unstyled mode on for every part below it: no `mfa-*` class names are rendered, only
 * `data-scope`, `data-part`, `data-state` and your own `className`s, so your CSS owns the look.
 */
export function UnstyledProvider({ unstyled = true, children }: UnstyledProviderProps) {
  return <UnstyledContext.Provider value={unstyled}>{children}</UnstyledContext.Provider>;
}

/** Whether the unstyled mode is on: the part's own prop wins over the context. */
export function useUnstyled(prop?: boolean): boolean {
  const context = useContext(UnstyledContext);
  return prop ?? context;
}
