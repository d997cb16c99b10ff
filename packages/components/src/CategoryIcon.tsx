import { partProps } from './partProps';

/** A destination category as the kit draws it. */
export type DestinationCategory = 'text' | 'voice' | 'email' | 'other';

/** Read Quovo's free-form category (`Text`, `Voice`, `Email`, `E-mail`, `SMS`…). */
export function toDestinationCategory(raw: string | null | undefined): DestinationCategory {
  const c = (raw ?? '').toLowerCase();
  if (/mail/.test(c)) return 'email';
  if (/voice|call|phone/.test(c)) return 'voice';
  if (/text|sms/.test(c)) return 'text';
  return 'other';
}

const paths: Record<Exclude<DestinationCategory, 'other'>, string> = {
  text: 'M4 5h16v11H8l-4 4z',
  voice: 'M6.6 3h3l1.5 4-2 1.4a11 11 0 0 0 6.5 6.5l1.4-2 4 1.5v3a2 2 0 0 1-2 2A17 17 0 0 1 4.6 5a2 2 0 0 1 2-2z',
  email: 'M3 6h18v12H3zM3 6l9 7 9-7',
};

/** Props of {@link CategoryIcon}. */
export interface CategoryIconProps {
  /** Which icon. `other` draws nothing. */
  category: DestinationCategory;
  /** Extra class names. */
  className?: string;
  /** No class names of ours. @default false */
  unstyled?: boolean;
}

/** An inline, decorative (`aria-hidden`) icon for a PIN destination: text, voice or e-mail. */
export function CategoryIcon({ category, className, unstyled = false }: CategoryIconProps) {
  if (category === 'other') return null;
  return (
    <svg
      {...partProps('choice-icon', category, className, unstyled)}
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinejoin="round"
      strokeLinecap="round"
    >
      <path d={paths[category]} />
    </svg>
  );
}
