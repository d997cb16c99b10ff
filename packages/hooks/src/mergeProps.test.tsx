import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { composeRefs, mergeProps } from './mergeProps';
import { sanitizeCode } from './sanitizeCode';

describe('mergeProps', () => {
  it('calls the caller\'s handler first and skips ours when it prevented the default', () => {
    const calls: string[] = [];
    const merged = mergeProps<{ onClick: (e: { defaultPrevented: boolean }) => void }>(
      { onClick: () => calls.push('ours') },
      { onClick: (e: { defaultPrevented: boolean }) => calls.push(e.defaultPrevented ? 'theirs-prevent' : 'theirs') },
    );
    merged.onClick({ defaultPrevented: false });
    merged.onClick({ defaultPrevented: true });
    expect(calls).toEqual(['theirs', 'ours', 'theirs-prevent']);
  });

  it('composes refs, joins ids and class names, and lets other caller props win', () => {
    const ours = vi.fn();
    const theirs = createRef<HTMLDivElement>();
    const merged = mergeProps<Record<string, unknown>>(
      { ref: ours, className: 'a', 'aria-describedby': 'err', role: 'radio', style: { color: 'red', top: 0 } },
      { ref: theirs, className: 'b', 'aria-describedby': 'hint', role: 'button', style: { color: 'blue' }, id: undefined },
    );
    const node = document.createElement('div');
    (merged.ref as (n: HTMLDivElement) => void)(node);
    expect(ours).toHaveBeenCalledWith(node);
    expect(theirs.current).toBe(node);
    expect(merged).toMatchObject({ className: 'a b', 'aria-describedby': 'err hint', role: 'button', style: { color: 'blue', top: 0 } });
  });

  it('composeRefs sets object and callback refs', () => {
    const a = createRef<HTMLElement>();
    const b = vi.fn();
    composeRefs(a, b, undefined)(document.body);
    expect(a.current).toBe(document.body);
    expect(b).toHaveBeenCalledWith(document.body);
  });
});

describe('sanitizeCode', () => {
  it('strips spaces and dashes, keeps digits for numeric codes and cuts to length', () => {
    expect(sanitizeCode(' 123-456 ')).toBe('123456');
    expect(sanitizeCode('12 34 56 78', { length: 6 })).toBe('123456');
    expect(sanitizeCode('PIN: 123 456', { format: 'numeric' })).toBe('123456');
    expect(sanitizeCode('ab–cd', { format: 'text' })).toBe('abcd');
  });
});
