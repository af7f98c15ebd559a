//! `--now` and `--expiry-window`: the time `validate` and `check` check tokens' expiry against.
//!
//! Why it exists: the core never reads a clock (its `validate_with` takes the time as an
//! option), so the command does: the system clock by default, or `--now` for a reproducible run
//! (tests, a pipeline that pins the date). Both flags are command-line syntax turned into the
//! numbers the JavaScript API takes (`{now, expiryWindow}`, seconds), which the core's options
//! reader then checks; a value that cannot be read is a usage error (exit 2) saying what is
//! accepted, here, before any file is read.
//!
//! RFC 3339 is read by hand rather than with a date crate: one fixed format, UTC offsets only,
//! and the days-from-civil conversion (Howard Hinnant's) is a few lines, where a date crate
//! would add its weight to the Node addon and its WebAssembly build, which link this crate.
//!
//! May use: `std` only.

/// `--now TIME`: RFC 3339 (`2026-01-02T03:04:05Z`, `2026-01-02T05:04:05+02:00`, fractions of a
/// second dropped) or seconds since the Unix epoch (`1767323045`), as seconds since the epoch.
pub(crate) fn parse_now(s: &str) -> Result<i64, String> {
    const WHAT: &str =
        "must be an RFC 3339 time (2026-01-02T03:04:05Z) or seconds since the Unix epoch";
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().map_err(|_| String::from(WHAT));
    }
    rfc3339(s).ok_or_else(|| String::from(WHAT))
}

/// `--expiry-window DURATION`: `7d`, `12h`, `30m`, `3600s` or a number of seconds.
pub(crate) fn parse_duration(s: &str) -> Result<i64, String> {
    const WHAT: &str = "must be a duration: 7d, 12h, 30m, 3600s or a number of seconds";
    let (digits, unit) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s[..i], c),
        _ => (s, 's'),
    };
    let scale = match unit {
        'd' => 86_400,
        'h' => 3600,
        'm' => 60,
        's' => 1,
        _ => return Err(String::from(WHAT)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(String::from(WHAT));
    }
    digits
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| String::from(WHAT))
}

/// `verify --timeout DURATION`: `500ms`, `5s`, `1m` or a number of seconds, as milliseconds
/// (from 1 ms to 10 minutes).
pub(crate) fn parse_timeout_ms(s: &str) -> Result<u32, String> {
    const WHAT: &str = "must be a duration from 1ms to 10m: 500ms, 5s, 1m or a number of seconds";
    let (digits, scale) = if let Some(d) = s.strip_suffix("ms") {
        (d, 1)
    } else if let Some(d) = s.strip_suffix('s') {
        (d, 1000)
    } else if let Some(d) = s.strip_suffix('m') {
        (d, 60_000)
    } else {
        (s, 1000)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(String::from(WHAT));
    }
    digits
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|ms| (1..=600_000).contains(ms))
        .ok_or_else(|| String::from(WHAT))
}

/// The system clock, in whole seconds since the epoch (0 if it is set before 1970).
pub(crate) fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `YYYY-MM-DD(T|t| )HH:MM:SS(.fraction)?(Z|z|±HH:MM)` as seconds since the epoch.
fn rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_ascii() {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = &s[r];
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b[i] != c) || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // The month's length: from its first day to the next month's.
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    let month_days = days_from_civil(next_year, next_month, 1) - days_from_civil(year, month, 1);
    if !(1..=12).contains(&month)
        || day < 1
        || day > month_days
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // A fraction of a second is dropped.
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match &s[i..] {
        "Z" | "z" => 0,
        o if o.len() == 6 && matches!(o.as_bytes()[0], b'+' | b'-') && o.as_bytes()[3] == b':' => {
            let (h, m) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if h > 23 || m > 59 {
                return None;
            }
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_now("2026-01-02T03:04:05Z"), Ok(1_767_323_045));
        assert_eq!(parse_now("2026-01-02t03:04:05.999z"), Ok(1_767_323_045));
        assert_eq!(parse_now("2026-01-02T05:04:05+02:00"), Ok(1_767_323_045));
        assert_eq!(parse_now("2026-01-01T23:04:05-04:00"), Ok(1_767_323_045));
        assert_eq!(parse_now("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_now("2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert_eq!(parse_now("1767323045"), Ok(1_767_323_045));
        for bad in [
            "",
            "yesterday",
            "2026-01-02",
            "2026-01-02T03:04:05",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-02T24:00:00Z",
            "2026-01-02T03:04:05.Z",
            "2026-01-02T03:04:05+0200",
            "-5",
            "1.5e9",
            "99999999999999999999999",
            "２０２６-01-02T03:04:05Z",
        ] {
            assert!(parse_now(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("7d"), Ok(604_800));
        assert_eq!(parse_duration("12h"), Ok(43_200));
        assert_eq!(parse_duration("30m"), Ok(1_800));
        assert_eq!(parse_duration("3600s"), Ok(3_600));
        assert_eq!(parse_duration("3600"), Ok(3_600));
        assert_eq!(parse_duration("0"), Ok(0));
        for bad in [
            "",
            "d",
            "7w",
            "1.5d",
            "-1d",
            "7 d",
            "1d12h",
            "99999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_clock_reads_a_date_after_2025() {
        assert!(system_now() > 1_735_689_600);
    }
}
