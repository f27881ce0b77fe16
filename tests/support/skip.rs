//! Skipping a test that needs something a machine may lack (a program, `../shared/corpus`).

/// Whether skips are failures: CI sets `RESUMESCAN_REQUIRE_ALL=1` so that it can never go green
/// by skipping.
pub fn required() -> bool {
    std::env::var_os("RESUMESCAN_REQUIRE_ALL").is_some_and(|v| v == "1")
}

/// Says why the calling test does not run; with `RESUMESCAN_REQUIRE_ALL=1`, fails instead.
#[allow(clippy::print_stdout)] // the skip notice is part of the test output
pub fn skip(what: &str) {
    assert!(
        !required(),
        "RESUMESCAN_REQUIRE_ALL=1, but this test cannot run: {what}"
    );
    println!("SKIPPED: {what}");
}
