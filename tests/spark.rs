//! resumescan as a step of a Spark job: `rdd.pipe("resumescan scan --input ndjson …")` in Spark
//! local mode with 2 workers must return every id exactly once, with the same result as a direct
//! run. Installs `pyspark` from PyPI into a throwaway virtual environment; skips with a message
//! when Java, Python or PyPI is not available.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use std::path::Path;
use std::process::Command;

fn available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn spark_pipe_returns_every_record_once_and_unchanged() {
    if !available("java", "-version") {
        support::skip::skip("no Java runtime (`java -version` failed); Spark needs one");
        return;
    }
    if !available("python3", "--version") {
        support::skip::skip("no python3");
        return;
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("spark-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let made = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status();
        if !made.is_ok_and(|s| s.success()) {
            support::skip::skip("cannot create a Python virtual environment");
            return;
        }
    }
    let has_pyspark = Command::new(&python)
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_pyspark {
        let installed = Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "pyspark"])
            .status();
        if !installed.is_ok_and(|s| s.success()) {
            support::skip::skip("`pip install pyspark` failed (is PyPI reachable?)");
            return;
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(&python)
        .arg(root.join("tests/spark/pipe_check.py"))
        .arg(env!("CARGO_BIN_EXE_resumescan"))
        .arg(root.join("samples/resumes"))
        .arg("2000")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "Spark pipe check failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("2000 records in, 2000 lines out, 2000 distinct ids"),
        "{stdout}"
    );
}
