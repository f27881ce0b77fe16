//! Calendar dates from Unix time, without a date-time dependency.

/// The UTC calendar date (year, month 1–12, day 1–31) of a Unix timestamp in seconds.
///
/// ```
/// assert_eq!(resumescan::date::civil_date(0), (1970, 1, 1));
/// assert_eq!(resumescan::date::civil_date(951_782_400), (2000, 2, 29));
/// ```
pub fn civil_date(unix_secs: u64) -> (i32, u32, u32) {
    // Civil-from-days (H. Hinnant's algorithm).
    let z = (unix_secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month as u32, day as u32)
}

/// Seconds since the Unix epoch by the system clock (0 if the clock is before 1970).
pub fn now_unix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
