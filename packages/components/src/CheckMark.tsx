/** A check mark drawn in the text colour, so a chosen option shows without colour (forced colours included). Internal. */
export function CheckMark() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2.5">
      <path d="M3 8.5 6.5 12 13 4.5" />
    </svg>
  );
}
