//! Helpers shared by integration tests.

// Each test binary uses its own part of the helpers.
#[allow(dead_code)]
pub mod cli;
#[allow(dead_code)]
pub mod corpus;
#[allow(dead_code)]
pub mod pdfgen;
#[allow(dead_code)]
pub mod skip;
