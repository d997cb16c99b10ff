import { describe, expect, it } from 'vitest';
import { defaultCountdownAnnouncement, describeSeconds } from './strings';

describe('describeSeconds', () => {
  it.each([
    [0, '0 seconds'],
    [1, '1 second'],
    [1.4, '1 second'],
    [2, '2 seconds'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [65, '1 minute 5 seconds'],
    [120, '2 minutes'],
    [121, '2 minutes 1 second'],
    [3600, '60 minutes'],
    [-5, '0 seconds'],
  ])('reads %s s as "%s" (one alone is singular)', (seconds, words) => {
    expect(describeSeconds(seconds)).toBe(words);
  });

  it('words the three announcements', () => {
    expect(defaultCountdownAnnouncement({ reason: 'appeared', secondsLeft: 61 })).toBe('You have 1 minute 1 second to answer.');
    expect(defaultCountdownAnnouncement({ reason: 'threshold', secondsLeft: 1 })).toBe('1 second left.');
    expect(defaultCountdownAnnouncement({ reason: 'expired', secondsLeft: 0 })).toBe('Time is up. Send a new PIN.');
  });
});
