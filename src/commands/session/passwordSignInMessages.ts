// What "Sign In with <service> Password…" says: its prompts (which promise what happens to the password)
// and its failures. VS Code-free, unit-tested. A wrong email or password has its own sentence; every other
// failure reads as any sign-in's (signInFailureMessage).
import { AuthError, InvalidInputError } from '../../core/errors';
import { signInFailureMessage, warning, type SignInMessage } from './messages';

/** What the password never becomes: said in both prompts, before the user types it. */
export function passwordPromise(label: string): string {
  return `SignDesk sends it once, straight to ${label}'s token endpoint, and never stores or logs it.`;
}

export function emailPrompt(label: string): string {
  return `Email of your ${label} account. You type the password next: ${passwordPromise(label)}`;
}

export function passwordPrompt(label: string, email: string): string {
  return `${label} password for ${email}. ${passwordPromise(label)}`;
}

/** Token-endpoint answers that mean the email or password was not accepted (signNow: 65536 "Invalid credentials."). */
const WRONG_LOGIN = ['invalid_request', 'invalid_grant', 'access_denied', '65536'];

/** Undefined when nothing should be shown (the user cancelled). "Sign In Again" means this command again: Retry. */
export function passwordSignInFailure(error: unknown, label: string, now: () => number = Date.now): SignInMessage | undefined {
  if ((error instanceof InvalidInputError || error instanceof AuthError) && (error.status === 400 || error.status === 401) && (!error.errorName || WRONG_LOGIN.includes(error.errorName))) {
    return warning(`${label} did not accept that email and password (${error.message.replace(/\.$/, '')}). Check them and try again.`, 'Retry');
  }
  const message = signInFailureMessage(error, now, label);
  return message && { ...message, actions: [...new Set(message.actions.map((action) => (action === 'Sign In Again' ? 'Retry' : action)))] };
}
