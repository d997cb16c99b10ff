/** Friendly titles for the sandbox's scenario names; unknown names are shown as they are. */
const TITLES: Record<string, string> = {
  no_mfa: 'No extra verification',
  question: 'Security question',
  choices: 'Multiple-choice question',
  realtime_pin: 'One-time PIN by text or call',
  captcha: 'Image CAPTCHA',
  image_choices: 'Security image',
  multi: 'Two questions at once',
  incorrect_credentials: 'Wrong password',
  user_config: 'Action needed at the bank',
  maintenance: 'Bank under maintenance',
};

/**
 * What each test bank does, said for people trying the demo (the sandbox's own description is
 * the technical one, shown under "What this tests").
 */
const SUMMARIES: Record<string, string> = {
  no_mfa: 'The bank connects straight away, with no questions.',
  question: 'The bank asks a security question. The answer is “Periscope”.',
  choices: 'The bank asks a question with a few answers to pick from. Pick “42”.',
  realtime_pin: 'The bank sends a code to your phone. Type it in before the timer runs out.',
  captcha: 'The bank shows distorted letters to type, against a timer.',
  image_choices: 'The bank asks you to pick your security picture: the star.',
  multi: 'The bank asks two questions on one screen: your first pet (Rex) and your birth town (Springfield).',
  incorrect_credentials: 'The bank turns down your password. Sign in again with the password “correct”.',
  user_config: 'The bank needs you to do something on its website first, then you try again.',
  maintenance: 'The bank is down for maintenance, so linking stops with an explanation.',
};

/** A sentence for people about what a scenario's test bank does, or `null` for an unknown one. */
export function scenarioSummary(name: string): string | null {
  return SUMMARIES[name] ?? null;
}

/** A person-readable title for a scenario name. */
export function scenarioTitle(name: string): string {
  return TITLES[name] ?? name.replace(/_/g, ' ');
}

/** The scenario preselected in the picker. */
export const DEFAULT_SCENARIO = 'realtime_pin';
