// What "Verify <service> Sign-In" says. VS Code-free, unit-tested.
import { countOf } from '../../model/wording';

/** 2592000 → "30 days"; 5400 → "1 h 30 min"; 59 → "59 s". */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${countOf(days, 'day')}${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${minutes > 0 ? ` ${minutes} min` : ''}`;
  if (minutes > 0) return `${minutes} min ${s % 60} s`;
  return `${s} s`;
}

export function signInCheckText(label: string, email: string, secondsLeft: number): string {
  return `${label} accepts the sign-in of ${email}: the access token has ${durationText(secondsLeft)} left (${secondsLeft.toLocaleString('en-US')} seconds). SignDesk renews it before then.`;
}

export function notSignedInText(label: string): string {
  return `You are not signed in to ${label}.`;
}
