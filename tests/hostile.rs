//! Hostile input and faults: every input appears in the report, limits limit, the report file is
//! written safely, nonsense options and data are refused, and nothing private or unsafe reaches
//! the terminal. Each test reproduces a defect found by an adversarial run of the release binary.

#![allow(clippy::print_stdout)] // skips say why

mod support;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use support::cli::{bin, json_of, samples};

use support::skip::skip;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn docs(report: &Value) -> &Vec<Value> {
    report["documents"].as_array().unwrap()
}

fn entry<'a>(report: &'a Value, name: &str) -> &'a Value {
    docs(report)
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} is not in the report: {report:#}"))
}

// ---------------------------------------------------------------------------------------------
// 1. Text with double-encoded bullets (C1 controls) is text.

#[test]
fn text_with_c1_controls_and_mojibake_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let every_c1: String = (0x80u32..=0x9F).filter_map(char::from_u32).collect();
    let text = format!(
        "Priya Raman\nSKILLS\n\u{e2}\u{80}\u{a2} Python, Django, PostgreSQL\n\u{e2}\u{80}\u{a2} Matric\n{every_c1}\n\
         EXPERIENCE\nBackend developer: built REST APIs in Python with Django and PostgreSQL.\n"
    );
    std::fs::write(dir.path().join("cv.txt"), text).unwrap();
    let out = bin()
        .args(["scan", "--quiet"])
        .arg(dir.path().join("cv.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json_of(&out.stdout);
    let doc = &docs(&report)[0];
    assert_eq!(doc["status"], "ok", "{doc:#}");
    let skills: Vec<&str> = doc["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for want in ["python", "django", "postgresql"] {
        assert!(skills.contains(&want), "{want} missing from {skills:?}");
    }
}

/// Each text of the public UpdatedResumeDataSet, written as a file of its own, is read: none is
/// refused as binary (11 of 112 were, for their C1 controls).
#[test]
fn every_text_of_the_public_dataset_is_read() {
    let csv_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/datasets/updated-resume-dataset/public.csv");
    if !csv_path.is_file() {
        skip("../shared/corpus/datasets is not present (it is not part of a fresh clone)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let mut written = 0;
    for row in reader.byte_records() {
        let row = row.unwrap();
        let name = String::from_utf8_lossy(&row[0]).into_owned();
        std::fs::write(dir.path().join(format!("{name}.txt")), &row[2]).unwrap();
        written += 1;
    }
    assert!(written >= 50, "{written} rows");
    let out = bin()
        .args(["scan", "--quiet"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    let errors: Vec<&Value> = docs(&report)
        .iter()
        .filter(|d| d["status"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(docs(&report).len(), written);
    assert_eq!(out.status.code(), Some(0));
}

// ---------------------------------------------------------------------------------------------
// 2. A parser panic is one diagnostic line, not a panic message.

/// A torture file on which pdf-extract panics (an unsupported predefined CMap). In a normal run
/// pdf-extract is not reached for it (the engines before it find no text), so `text --engine`
/// makes that engine read it.
const PANICKING: &str = "pdfjs__noembed-sjis.pdf";

#[test]
fn a_parser_panic_prints_one_line_not_a_panic_message() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/pdf-torture")
        .join(PANICKING);
    if !file.is_file() {
        skip("../shared/corpus/pdf-torture is not present");
        return;
    }
    let out = bin()
        .args(["text", "--engine", "pdf-extract"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("caught panic"),
        "the parser really panicked: {stderr}"
    );
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(PANICKING), "{stderr}");
    for args in [
        vec!["scan", "--isolation", "thread"],
        vec!["scan", "--isolation", "process"],
        vec!["text", "--isolation", "thread"],
    ] {
        let out = bin().args(&args).arg(&file).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked at"), "{args:?}: {stderr}");
        assert!(stderr.lines().count() <= 1, "{args:?}: {stderr}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3a. Every input appears in the report: folder walks and special files.

#[cfg(unix)]
#[test]
fn links_special_files_and_odd_names_are_all_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(samples().join("resumes/go-backend.txt"), d.join("real.txt")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/cv.pdf", d.join("dangling.pdf")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", d.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", d.join("loop-b.txt")).unwrap();
    // A link out of the folder to a system file: never read while walking unless asked.
    std::os::unix::fs::symlink("/etc/passwd", d.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
    let fifo = std::ffi::CString::new(d.join("pipe.txt").as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo reads a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket.txt")).unwrap();
    std::fs::write(d.join("empty.pdf"), b"").unwrap();
    for name in [&b"cv\xff.txt"[..], b"cv\xfe.txt", b"cv\xef\xbf\xbd.txt"] {
        std::fs::write(d.join(std::ffi::OsStr::from_bytes(name)), b"Skills: Go").unwrap();
    }
    let out = bin()
        .args(["scan", "--quiet", "--format", "json"])
        .arg(d)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "broken links make the run incomplete"
    );
    let report = json_of(&out.stdout);
    let status = |name: &str| {
        let e = entry(&report, name);
        (
            e["status"].as_str().unwrap().to_string(),
            e["error"]["kind"]
                .as_str()
                .or(e["reason"].as_str())
                .unwrap_or("")
                .to_string(),
        )
    };
    assert_eq!(status("real.txt"), ("ok".into(), String::new()));
    assert_eq!(status("dangling.pdf"), ("error".into(), "not_found".into()));
    assert_eq!(
        status("loop-a.txt"),
        ("error".into(), "symlink_loop".into())
    );
    assert_eq!(status("passwd.txt"), ("skipped".into(), "symlink".into()));
    assert_eq!(status("zero.txt"), ("skipped".into(), "symlink".into()));
    assert_eq!(status("pipe.txt"), ("skipped".into(), "not_a_file".into()));
    assert_eq!(
        status("socket.txt"),
        ("skipped".into(), "not_a_file".into())
    );
    assert_eq!(status("empty.pdf"), ("empty".into(), "no_text".into()));
    let names: Vec<&str> = docs(&report)
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    for shown in ["cv\\xff.txt", "cv\\xfe.txt", "cv\u{fffd}.txt"] {
        assert_eq!(
            names.iter().filter(|n| n.ends_with(shown)).count(),
            1,
            "{shown}: {names:?}"
        );
    }
    let root_name = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    assert!(
        root_name.is_empty() || !String::from_utf8_lossy(&out.stdout).contains("root:x:"),
        "a file outside the folder was read"
    );
    assert_eq!(report["summary"]["skipped"], 4);

    // With --follow, links are followed: the system file is read, /dev/zero is no file.
    let out = bin()
        .args(["scan", "--quiet", "--follow", "--max-file-size", "100000"])
        .arg(d)
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    assert_eq!(entry(&report, "passwd.txt")["status"], "ok");
    assert_eq!(entry(&report, "zero.txt")["reason"], "not_a_file");
    assert_eq!(
        entry(&report, "loop-b.txt")["error"]["kind"],
        "symlink_loop"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_entry() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        // Not a missing tool: root reads every folder, so there is nothing to test.
        println!("SKIPPED: running as root, who can read every folder");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples().join("resumes/go-backend.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("b.txt"), "Skills: Go").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = bin()
        .args(["scan", "--quiet"])
        .arg(dir.path())
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = json_of(&out.stdout);
    assert_eq!(entry(&report, "locked")["error"]["kind"], "io");
}

// ---------------------------------------------------------------------------------------------
// 3b. Limits that limit: devices, FIFOs and long records are read through bounded readers.

#[cfg(unix)]
#[test]
fn devices_are_read_only_up_to_the_limit() {
    if !Path::new("/dev/zero").exists() {
        skip("/dev/zero is missing");
        return;
    }
    let out = bin()
        .args(["scan", "--quiet", "--max-file-size", "1000", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        json_of(&out.stdout)["documents"][0]["error"]["kind"],
        "too_large"
    );

    let out = bin()
        .args([
            "scan",
            "--quiet",
            "--input",
            "ndjson",
            "--format",
            "ndjson",
            "--max-file-size",
            "1000",
        ])
        .write_stdin("{\"id\": 1, \"path\": \"/dev/zero\"}\n")
        .output()
        .unwrap();
    let first: Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["error"]["kind"], "too_large");

    for args in [
        vec!["scan", "--files-from", "/dev/zero"],
        vec!["scan", "--dict", "/dev/zero", "-"],
        vec!["scan", "--job", "/dev/zero", "-"],
        vec!["dict", "check", "/dev/zero"],
        vec!["job", "/dev/zero"],
    ] {
        let out = bin()
            .args(&args)
            .write_stdin("Skills: Go")
            .output()
            .unwrap();
        // `dict check` reports on stdout, the others on stderr.
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            !said.contains("panicked") && said.contains("/dev/zero"),
            "{args:?}: {said}"
        );
    }
}

#[test]
fn an_oversized_ndjson_record_is_an_entry_and_the_stream_goes_on() {
    // 2.4 MB: over the record limit of 4/3 × 100 kB + 1 MiB.
    let big = format!(
        "{{\"id\": \"big\", \"text\": \"{}\"}}\n",
        "Go ".repeat(800_000)
    );
    let input = format!("\u{feff}{{\"id\": 7, \"text\": \"Skills: Go\"}}\n{big}{{\"id\": \"after\", \"text\": \"Skills: Rust\"}}\n");
    let out = bin()
        .args([
            "scan",
            "--quiet",
            "--input",
            "ndjson",
            "--format",
            "ndjson",
            "--sorted",
            "--max-file-size",
            "100000",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v["type"] == "document")
        .collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    // The byte-order mark before the first record is not data; a numeric id stays a number.
    assert_eq!(lines[0]["status"], "ok", "{:#}", lines[0]);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[1]["error"]["kind"], "too_large");
    assert_eq!(lines[2]["id"], "after");
    assert_eq!(lines[2]["status"], "ok");

    // CSV carries the ids of NDJSON records.
    let out = bin()
        .args(["scan", "--quiet", "--input", "ndjson", "--format", "csv"])
        .write_stdin(
            "{\"id\": 7, \"text\": \"Skills: Go\"}\n{\"id\": \"x\", \"text\": \"Skills: Go\"}\n",
        )
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    let mut rows = csv.lines();
    assert!(rows.next().unwrap().starts_with("id,path,status"), "{csv}");
    assert!(rows.next().unwrap().starts_with("7,"), "{csv}");
    assert!(rows.next().unwrap().starts_with("x,"), "{csv}");
}

// ---------------------------------------------------------------------------------------------
// 3c. `--output` is safe.

#[cfg(unix)]
#[test]
fn output_keeps_devices_links_permissions_and_inputs() {
    use std::os::unix::fs::PermissionsExt;
    let resume = samples().join("resumes/go-backend.txt");
    if Path::new("/dev/null").exists() {
        bin()
            .args(["scan", "--quiet", "--output", "/dev/null"])
            .arg(&resume)
            .assert()
            .success();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null was replaced by a file");
    }
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.json");
    std::fs::write(&private, "{}").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("private.json", &link).unwrap();
    bin()
        .args(["scan", "--quiet", "--output"])
        .arg(&link)
        .arg(&resume)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let meta = std::fs::metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&private)
        .unwrap()
        .contains("\"documents\""));

    // A 255-byte name (the longest most file systems allow) works.
    let long = dir.path().join(format!("{}.json", "r".repeat(250)));
    bin()
        .args(["scan", "--quiet", "--output"])
        .arg(&long)
        .arg(&resume)
        .assert()
        .success();
    assert!(long.is_file());

    // The report never replaces one of the resumes.
    let copy = dir.path().join("cv.txt");
    std::fs::copy(&resume, &copy).unwrap();
    let out = bin()
        .args(["scan", "--quiet", "--output"])
        .arg(&copy)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&resume).unwrap()
    );

    // No temporary file is left anywhere.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Interrupted while the report is being written: the temporary file goes with the process.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // Standard input held open: the run waits for the document with the report file open.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_resumescan"))
            .args(["scan", "--quiet", "--output"])
            .arg(&target)
            .arg("-")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let tmp_exists = || {
            std::fs::read_dir(dir.path())
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        };
        // Wait (bounded) until the temporary file exists.
        for _ in 0..200 {
            if tmp_exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        assert!(tmp_exists(), "the run opened no temporary file");
        // `wait` would close standard input, and the run could then finish its report before the
        // signal is handled: keep it open until the process has ended.
        let stdin = child.stdin.take();
        // SAFETY: kill sends a signal to our own child.
        unsafe {
            libc::kill(child.id() as i32, signal);
        }
        let status = child.wait().unwrap();
        drop(stdin);
        assert!(!status.success(), "{status:?}");
        assert!(!tmp_exists(), "signal {signal} left a temporary file");
        assert!(!target.exists());
    }
}

/// A file-size limit (`ulimit -f`, SIGXFSZ) makes the write fail: an error, and no temporary file.
#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_error_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.json");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 8; exec '{}' scan --quiet --output '{}' '{}'",
            env!("CARGO_BIN_EXE_resumescan"),
            target.display(),
            samples().join("resumes").display()
        ))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!target.exists());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

// ---------------------------------------------------------------------------------------------
// 3d. Validation that lets no nonsense through.

#[test]
fn impossible_option_values_are_usage_errors() {
    let resume = samples().join("resumes/go-backend.txt");
    for args in [
        vec!["--fail-under", "NaN"],
        vec!["--fail-under", "101"],
        vec!["--fail-under", "inf"],
        vec!["--timeout-secs", "0"],
        vec!["--memory-limit", "150000000"],
        vec!["--jobs", "100000"],
        vec!["--require", ""],
        vec!["--require", "go,,java"],
    ] {
        let out = bin().arg("scan").args(&args).arg(&resume).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?} was accepted");
        assert!(
            stderr.lines().count() <= 6 && !stderr.is_empty(),
            "{args:?}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn dict_check_and_scan_agree_on_reject_regexes() {
    let dir = tempfile::tempdir().unwrap();
    for (regex, ok) in [
        (r"\p{L}+ware", true),
        ("", false),
        (r"(x)?", false),
        (r"\p{L}{3000}", false),
    ] {
        let file = dir.path().join("d.toml");
        std::fs::write(
            &file,
            format!(
                "[dictionary]\nname = \"t\"\nversion = \"1\"\n\n[[skill]]\nid = \"zig\"\nname = \"Zig\"\n\
                 category = \"languages\"\naliases = [\"ziglang\"]\nreject = ['{regex}']\n"
            ),
        )
        .unwrap();
        let check = bin().args(["dict", "check"]).arg(&file).output().unwrap();
        let scan = bin()
            .args(["scan", "--quiet", "--dict"])
            .arg(&file)
            .arg("-")
            .write_stdin("Skills: ziglang, Go")
            .output()
            .unwrap();
        assert_eq!(
            check.status.success(),
            ok,
            "check {regex:?}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        assert_eq!(
            scan.status.success(),
            ok,
            "scan {regex:?}: {}",
            String::from_utf8_lossy(&scan.stderr)
        );
        if ok {
            let report = json_of(&scan.stdout);
            let ids: Vec<&str> = report["documents"][0]["skills"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].as_str().unwrap())
                .collect();
            assert!(ids.contains(&"zig") && ids.contains(&"go"), "{ids:?}");
        }
    }
}

#[test]
fn profiles_with_meaningless_numbers_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let resume = samples().join("resumes/go-backend.txt");
    for (scoring, weight) in [
        ("", "inf"),
        ("", "nan"),
        (
            "[scoring]\nevidenced = -1\nlisted = 0.75\neducation = 0.5\n",
            "1",
        ),
        ("", "0"),
    ] {
        let file = dir.path().join("p.toml");
        std::fs::write(
            &file,
            format!(
                "[profile]\nid = \"p\"\nname = \"P\"\nversion = \"1\"\n{scoring}\n\
                 [[category]]\nid = \"languages\"\nweight = {weight}\nsaturation = 2\n"
            ),
        )
        .unwrap();
        let out = bin()
            .args(["scan", "--quiet", "--profile"])
            .arg(&file)
            .arg(&resume)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{scoring} weight {weight}");
        assert!(out.stdout.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// 3e. Privacy and terminal safety.

#[cfg(unix)]
#[test]
fn redact_covers_file_names_in_walk_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/nonexistent", dir.path().join("jane.doe@example.com.pdf"))
        .unwrap();
    std::fs::write(dir.path().join("cv.txt"), "Jöhn, jöhn@exämple.de, +1–415–555–0199, 415/555/0199, jane [at] example [dot] com\nSkills: Go").unwrap();
    let out = bin()
        .args(["scan", "--redact"])
        .arg(dir.path())
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for secret in ["jane.doe@example.com", "exämple", "415", "example [dot]"] {
        assert!(!all.contains(secret), "{secret} leaked:\n{all}");
    }
}

#[cfg(unix)]
#[test]
fn escape_sequences_in_file_names_never_reach_the_terminal() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"cv\x1b]0;owned\x07\x1b[2J.pdf");
    std::fs::write(dir.path().join(name), b"%PDF-1.4 broken").unwrap();
    std::fs::write(dir.path().join("ok.txt"), b"Skills: Go").unwrap();
    for format in ["table", "json"] {
        let out = bin()
            .args(["scan", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            !out.stderr.contains(&0x1b),
            "stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if format == "table" {
            assert!(
                !out.stdout.contains(&0x1b),
                "table: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert!(!out.stdout.contains(&0x07));
        }
    }
}

#[test]
fn a_closed_pipe_ends_dict_dump_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_resumescan"))
        .args(["dict", "dump"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_long_parser_message_is_cut_to_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'\x8f', 4000));
    std::fs::File::create(dir.path().join("junk.pdf"))
        .unwrap()
        .write_all(&bytes)
        .unwrap();
    let out = bin()
        .args(["scan", "--quiet"])
        .arg(dir.path().join("junk.pdf"))
        .output()
        .unwrap();
    let report = json_of(&out.stdout);
    if let Some(message) = report["documents"][0]["error"]["message"].as_str() {
        assert!(
            message.chars().count() <= 301,
            "{} chars",
            message.chars().count()
        );
        assert!(!message.contains('\n'));
    }
}
