//! The `resumescan` command. All the work is in the library and `cli`.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::install_panic_hook();
    match cli::run() {
        Ok(code) => code,
        // A reader that went away (`| head`) is no error: stop quietly, as `scan` does.
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            cli::print_error(&err);
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}
