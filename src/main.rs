//! The `resumescan` command. All the work is in the library and `cli`.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::install_panic_hook();
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            cli::print_error(&err);
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
