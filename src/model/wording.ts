// Counts and times as the UI says them: "1 request" / "2 requests", and when a wait ends ("14:05 EST",
// "00:35 GMT+1 on Thu 3 Dec"). VS Code-free; every label, notification and screen-reader text uses these.

/** "1 request", "0 requests", "2 signers": the count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ZoneOptions {
  /** IANA time zone; the system's when omitted (tests pin it). */
  timeZone?: string;
  /** Locale for the time zone's short name (EST, CET, GMT+1); the system's when omitted. */
  locale?: string;
}

interface Calendar {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: string;
  minute: string;
  zone: string;
}

function calendarOf(at: Date, options: ZoneOptions): Calendar {
  const numeric = new Intl.DateTimeFormat('en-US', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes): string => numeric.find((p) => p.type === type)?.value ?? '';
  const zone =
    new Intl.DateTimeFormat(options.locale, { timeZone: options.timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const year = Number(part('year'));
  const month = Number(part('month'));
  const day = Number(part('day'));
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    hour: part('hour').padStart(2, '0'),
    minute: part('minute').padStart(2, '0'),
    zone,
  };
}

/**
 * When a wait ends, for "try again after …": the time of day in the user's time zone, named, and the
 * date when it is not today there ("00:35 CET on Thu 3 Dec", "… on Sat 2 Jan 2027" in another year).
 * Rounded up to the minute, so it never names a minute that is still too early.
 */
export function waitUntil(at: Date, now: number, options: ZoneOptions = {}): string {
  const end = calendarOf(new Date(Math.ceil(at.getTime() / 60_000) * 60_000), options);
  const today = calendarOf(new Date(now), options);
  const time = `${end.hour}:${end.minute}${end.zone ? ` ${end.zone}` : ''}`;
  if (end.year === today.year && end.month === today.month && end.day === today.day) {
    return time;
  }
  const year = end.year === today.year ? '' : ` ${end.year}`;
  return `${time} on ${WEEKDAYS[end.weekday]} ${end.day} ${MONTHS[end.month - 1]}${year}`;
}
