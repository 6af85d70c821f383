/**
 * graphite-web's `from=` / `until=` / `now=` parser, ported from graphite-project/graphite-web 1.1.10
 * webapp/graphite/render/attime.py (parseATTime, parseTimeReference, parseTimeOffset, getUnitString).
 *
 * The graphite-statsd image sets TIME_ZONE from GRAPHITE_TIME_ZONE, default 'Etc/UTC', so every calendar
 * reference here is UTC. Times are unix seconds (fractional when `now` is). Errors are thrown as
 * `AtTimeError` with the text Python's exception would carry (graphite-web puts it into its 400 answer).
 */

export class AtTimeError extends Error {}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const isDigits = (s: string) => /^\d+$/.test(s);
const isAlpha = (s: string) => /^[a-z]+$/i.test(s);

/** Python's int(str): ValueError text included. */
function pyInt(s: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new AtTimeError(`invalid literal for int() with base 10: '${s}'`);
  return parseInt(s, 10);
}

/** datetime(...) with Python's range checks. */
function utcDate(year: number, month: number, day: number, hour: number, minute: number): number {
  if (year < 1 || year > 9999) throw new AtTimeError(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw new AtTimeError('month must be in 1..12');
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > dim) throw new AtTimeError('day is out of range for month');
  if (hour < 0 || hour > 23) throw new AtTimeError('hour must be in 0..23');
  if (minute < 0 || minute > 59) throw new AtTimeError('minute must be in 0..59');
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute));
  d.setUTCFullYear(year);
  return d.getTime() / 1000;
}

/** parseATTime(s, tzinfo=UTC, now): unix seconds. */
export function parseATTime(input: string, now: number): number {
  const s = String(input).trim().toLowerCase().replace(/[_, ]/g, '');
  if (isDigits(s)) {
    // An 8-digit YYYYMMDD-looking number is a date, anything else a unix timestamp.
    const ymd = s.length === 8 && +s.slice(0, 4) > 1900 && +s.slice(4, 6) < 13 && +s.slice(6) < 32;
    if (!ymd) return parseInt(s, 10);
  }
  let ref: string, offset: string;
  if (s.includes('+')) {
    const i = s.indexOf('+');
    [ref, offset] = [s.slice(0, i), s.slice(i)];
  } else if (s.includes('-')) {
    const i = s.indexOf('-');
    [ref, offset] = [s.slice(0, i), s.slice(i)];
  } else [ref, offset] = [s, ''];
  return parseTimeReference(ref, now) + parseTimeOffset(offset);
}

export function parseTimeReference(input: string, now: number): number {
  let ref = input;
  if (!ref || ref === 'now') return now;
  const rawRef = ref;
  let hour = 0, minute = 0;
  let i = ref.indexOf(':');
  if (i > 0 && i < 3) {
    hour = pyInt(ref.slice(0, i));
    minute = pyInt(ref.slice(i + 1, i + 3));
    ref = ref.slice(i + 3);
    if (ref.startsWith('am')) ref = ref.slice(2);
    else if (ref.startsWith('pm')) {
      hour = (hour + 12) % 24;
      ref = ref.slice(2);
    }
  }
  i = ref.indexOf('am');
  if (i > 0 && i < 3) {
    hour = pyInt(ref.slice(0, i));
    ref = ref.slice(i + 2);
  }
  i = ref.indexOf('pm');
  if (i > 0 && i < 3) {
    hour = (pyInt(ref.slice(0, i)) + 12) % 24;
    ref = ref.slice(i + 2);
  }
  if (ref.startsWith('noon')) [hour, minute, ref] = [12, 0, ref.slice(4)];
  else if (ref.startsWith('midnight')) [hour, minute, ref] = [0, 0, ref.slice(8)];
  else if (ref.startsWith('teatime')) [hour, minute, ref] = [16, 0, ref.slice(7)];

  const n = new Date(Math.floor(now) * 1000);
  // now.replace(hour=, minute=, second=0, microsecond=0)
  let refDate = utcDate(n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate(), hour, minute);
  if (ref === 'yesterday' || ref === 'today' || ref === 'tomorrow') {
    if (ref === 'yesterday') refDate -= 86400;
    else if (ref === 'tomorrow') refDate += 86400;
  } else if (ref.split('/').length === 3) {
    const [m, d, y0] = ref.split('/').map(pyInt) as [number, number, number];
    let y = y0;
    if (y < 1900) y += 1900;
    if (y < 1970) y += 100;
    refDate = utcDate(y, m, d, hour, minute);
  } else if (ref.length === 8 && isDigits(ref)) {
    refDate = utcDate(+ref.slice(0, 4), +ref.slice(4, 6), +ref.slice(6, 8), hour, minute);
  } else if (MONTHS.includes(ref.slice(0, 3))) {
    let d: number;
    if (isDigits(ref.slice(-2))) d = +ref.slice(-2);
    else if (isDigits(ref.slice(-1))) d = +ref.slice(-1);
    else throw new AtTimeError('Day of month required after month name');
    refDate = utcDate(new Date(refDate * 1000).getUTCFullYear(), MONTHS.indexOf(ref.slice(0, 3)) + 1, d, hour, minute);
  } else if (WEEKDAYS.includes(ref.slice(0, 3))) {
    const today = new Date(refDate * 1000).getUTCDay();
    let dayOffset = today - WEEKDAYS.indexOf(ref.slice(0, 3));
    if (dayOffset < 0) dayOffset += 7;
    refDate -= dayOffset * 86400;
  } else if (ref) {
    throw new AtTimeError(`Unknown day reference: ${rawRef}`);
  }
  return refDate;
}

const UNIT_SECONDS: Record<string, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 604800,
  months: 30 * 86400, // graphite-web: a month is 30 days
  years: 365 * 86400, // and a year 365
};

export function getUnitString(s: string): string {
  if (s.startsWith('s')) return 'seconds';
  if (s.startsWith('min')) return 'minutes';
  if (s.startsWith('h')) return 'hours';
  if (s.startsWith('d')) return 'days';
  if (s.startsWith('w')) return 'weeks';
  if (s.startsWith('mon')) return 'months';
  if (s.startsWith('y')) return 'years';
  throw new AtTimeError(`Invalid offset unit '${s}'`);
}

/** parseTimeOffset: '-1h30min' → -5400. */
export function parseTimeOffset(input: string): number {
  let offset = input;
  if (!offset) return 0;
  let sign = 1;
  if (!/^\d/.test(offset)) {
    if (offset[0] === '+') sign = 1;
    else if (offset[0] === '-') sign = -1;
    else throw new AtTimeError(`'Invalid offset: ${offset}'`); // str(KeyError(...)) keeps the quotes
    offset = offset.slice(1);
  }
  let t = 0;
  while (offset) {
    let i = 0;
    while (i < offset.length && /\d/.test(offset[i]!)) i++;
    const num = pyInt(offset.slice(0, i));
    offset = offset.slice(i);
    i = 0;
    while (i < offset.length && isAlpha(offset[i]!)) i++;
    const unit = offset.slice(0, i);
    offset = offset.slice(i);
    t += sign * num * UNIT_SECONDS[getUnitString(unit)]!;
  }
  return t;
}
