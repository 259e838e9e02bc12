//! Today's date for `--today`'s default, as `YYYY-MM-DD` in UTC, from the system clock.
//!
//! Civil-from-days (Howard Hinnant's algorithm): a dozen lines instead of a date crate for one value.
//! UTC can be a day behind Beijing time in its first eight hours; a status that turns on that day is
//! the rare case `--today` exists for.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn today() -> String {
    let days = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() / 86_400) as i64;
    civil(days)
}

/// The proleptic Gregorian date of day `days` since 1970-01-01.
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn days_since_the_epoch_are_civil_dates() {
        for (days, date) in [(0, "1970-01-01"), (59, "1970-03-01"), (11_016, "2000-02-29"), (20_787, "2026-11-30"), (-1, "1969-12-31")] {
            assert_eq!(civil(days), date, "{days}");
        }
    }
}
