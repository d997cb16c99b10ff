import { renderHook } from '@testing-library/react';
import { version, useId } from 'react';
import { version as domVersion } from 'react-dom';

describe('the React this project runs the hooks on', () => {
  it('is the major version the vitest project names, for React and React DOM alike', () => {
    const major = process.env.MFA_KIT_EXPECT_REACT;
    expect(major).toMatch(/^1[89]$/);
    expect(version.split('.')[0]).toBe(major);
    expect(domVersion.split('.')[0]).toBe(major);
    // Testing Library renders with the same React: a hook runs without an invalid-hook-call error.
    expect(renderHook(() => useId()).result.current).toEqual(expect.any(String));
  });
});
