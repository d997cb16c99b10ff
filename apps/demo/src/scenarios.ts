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

/** A person-readable title for a scenario name. */
export function scenarioTitle(name: string): string {
  return TITLES[name] ?? name.replace(/_/g, ' ');
}

/** The scenario preselected in the picker. */
export const DEFAULT_SCENARIO = 'realtime_pin';
