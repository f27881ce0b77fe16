//! `resumescan serve` against the real thing: the binary started on a random loopback port,
//! spoken to over HTTP. Every endpoint of the OpenAPI document is called; bad requests of each
//! kind get their status and a problem document; a batch's report is byte for byte what `scan`
//! writes; expired screenings are gone; SIGTERM leaves no worker process behind.

#![allow(clippy::print_stdout)] // the figures are part of the test output

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::cli::samples;

/// A server on a random loopback port, stopped (SIGTERM, then waited for) when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    agent: ureq::Agent,
}

impl Server {
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_resumescan"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("RESUMESCAN_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        let base = line
            .split("serving on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .trim_end_matches('/')
            .to_string();
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Server { child, base, agent }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn get(&self, path: &str) -> Reply {
        self.send("GET", path, None, &[])
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let url = format!("{}{path}", self.base);
        let builder = ureq::http::Request::builder().method(method).uri(&url);
        let builder = headers.iter().fold(builder, |b, (k, v)| b.header(*k, *v));
        let result = match body {
            Some((content_type, bytes)) => self.agent.run(
                builder
                    .header("Content-Type", content_type)
                    .body(bytes)
                    .unwrap(),
            ),
            None => self.agent.run(builder.body(()).unwrap()),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let retry_after = header("retry-after");
        let mut bytes = Vec::new();
        response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .reader()
            .read_to_end(&mut bytes)
            .unwrap();
        Reply {
            status,
            content_type,
            retry_after,
            bytes,
        }
    }

    pub fn post_form(&self, path: &str, form: &Form) -> Reply {
        let (content_type, body) = form.encode();
        self.send("POST", path, Some((&content_type, body)), &[])
    }

    pub fn post_json(&self, path: &str, json: &Value) -> Reply {
        self.send(
            "POST",
            path,
            Some(("application/json", serde_json::to_vec(json).unwrap())),
            &[],
        )
    }

    /// Starts a batch and waits for it to finish; its id.
    pub fn batch(&self, form: &Form) -> String {
        let created = self.post_form("/v1/batches", form);
        assert_eq!(created.status, 202, "{}", created.text());
        let id = created.json()["id"].as_str().unwrap().to_string();
        self.wait(&id);
        id
    }

    pub fn wait(&self, id: &str) -> Value {
        let started = Instant::now();
        loop {
            let status = self.get(&format!("/v1/batches/{id}")).json();
            if status["state"] != "running" {
                return status;
            }
            assert!(started.elapsed() < Duration::from_secs(300), "{status}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends SIGTERM and waits for the process; its exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        terminate(self.child.id());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            terminate(self.child.id());
            let _ = self.child.wait();
        }
    }
}

fn terminate(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// An answer.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub retry_after: Option<String>,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// Asserts a problem document with `status`.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.content_type, "application/problem+json");
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(p["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:resumescan:problem:"));
        assert!(!p["detail"].as_str().unwrap().is_empty());
        p
    }
}

/// A multipart/form-data body.
#[derive(Default)]
pub struct Form {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl Form {
    pub fn file(mut self, name: &str, bytes: Vec<u8>) -> Form {
        self.parts.push(("file".into(), Some(name.into()), bytes));
        self
    }

    pub fn path(self, path: &Path, name: &str) -> Form {
        self.file(name, std::fs::read(path).unwrap())
    }

    pub fn field(mut self, name: &str, value: &str) -> Form {
        self.parts
            .push((name.into(), None, value.as_bytes().to_vec()));
        self
    }

    pub fn part(mut self, name: &str, file_name: &str, bytes: Vec<u8>) -> Form {
        self.parts
            .push((name.into(), Some(file_name.into()), bytes));
        self
    }

    fn encode(&self) -> (String, Vec<u8>) {
        let boundary = "resumescan-test-boundary-7f3a9c";
        let mut body = Vec::new();
        for (name, file_name, bytes) in &self.parts {
            body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            match file_name {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}

/// The sample resumes, as `scan` names them when run in `samples/resumes`.
fn sample_names() -> Vec<String> {
    let root = samples().join("resumes");
    let mut names = Vec::new();
    for dir in ["", "pdf", "html"] {
        let mut entries: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .map(|p| {
                let f = p.file_name().unwrap().to_string_lossy().into_owned();
                if dir.is_empty() {
                    f
                } else {
                    format!("{dir}/{f}")
                }
            })
            .collect();
        entries.sort();
        names.extend(entries);
    }
    names
}

fn samples_form() -> Form {
    let root = samples().join("resumes");
    sample_names()
        .iter()
        .fold(Form::default(), |f, n| f.path(&root.join(n), n))
}

fn posting_path() -> PathBuf {
    samples().join("jobs/go-platform-engineer.md")
}

#[test]
fn every_documented_endpoint_answers_and_the_document_matches_the_routes() {
    let server = Server::start(&[]);
    let doc = server.get("/v1/openapi.json");
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|m| ["get", "post", "delete", "put", "patch"].contains(&m.as_str()))
                .map(move |m| (m.to_uppercase(), path.clone()))
        })
        .collect();
    // The routes the server declares, read off its source.
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/serve/api.rs"))
            .unwrap();
    let mut routed: BTreeSet<String> = BTreeSet::new();
    for piece in source.split(".route(\"").skip(1) {
        let path = piece.split('"').next().unwrap();
        if path.starts_with("/v1") || path.ends_with("z") {
            routed.insert(path.to_string());
        }
    }
    let documented_paths: BTreeSet<String> = documented.iter().map(|(_, p)| p.clone()).collect();
    assert_eq!(routed, documented_paths, "routes and openapi.json differ");

    let mut called: BTreeSet<(String, String)> = BTreeSet::new();
    let mut call = |m: &str, p: &str| {
        called.insert((m.to_string(), p.to_string()));
    };

    assert_eq!(server.get("/healthz").status, 200);
    call("GET", "/healthz");
    assert_eq!(server.get("/readyz").status, 200);
    call("GET", "/readyz");
    call("GET", "/v1/openapi.json");

    let profiles = server.get("/v1/profiles").json();
    assert!(profiles
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "backend" && p["default"] == true));
    call("GET", "/v1/profiles");

    let skills = server.get("/v1/skills").json();
    assert!(skills.as_array().unwrap().len() > 400);
    assert!(skills.as_array().unwrap().iter().any(|s| s["id"] == "go"));
    call("GET", "/v1/skills");

    let job = server.post_form(
        "/v1/job",
        &Form::default()
            .part(
                "job_file",
                "go-platform-engineer.md",
                std::fs::read(posting_path()).unwrap(),
            )
            .field("require", "java|kotlin"),
    );
    assert_eq!(job.status, 200, "{}", job.text());
    let job = job.json();
    assert!(job["required"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == "go" && s["min_years"] == 3.0));
    assert_eq!(job["min_experience"]["years"], 4.0);
    call("POST", "/v1/job");

    // /v1/scan: multipart and JSON.
    let root = samples().join("resumes");
    let report = server.post_form(
        "/v1/scan",
        &Form::default()
            .path(&root.join("go-backend.txt"), "go-backend.txt")
            .field("require", "go:5"),
    );
    assert_eq!(report.status, 200, "{}", report.text());
    let report = report.json();
    assert_eq!(report["documents"][0]["path"], "go-backend.txt");
    assert_eq!(report["documents"][0]["job_match"]["status"], "met");
    let json = server.post_json(
        "/v1/scan",
        &serde_json::json!({
            "documents": [
                {"id": 7, "name": "a.txt", "text": "EXPERIENCE\nBuilt services in Go and Kafka."},
                {"id": "b", "name": "b.pdf", "content_base64": base64_of(&std::fs::read(root.join("pdf/java-spring.pdf")).unwrap())}
            ],
            "require": ["java"]
        }),
    );
    assert_eq!(json.status, 200, "{}", json.text());
    let json = json.json();
    assert_eq!(json["documents"][0]["id"], 7);
    assert_eq!(json["documents"][1]["id"], "b");
    assert_eq!(json["documents"][1]["job_match"]["status"], "met");
    let csv = server.post_form(
        "/v1/scan?format=csv",
        &Form::default().path(&root.join("go-backend.txt"), "go-backend.txt"),
    );
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.text().starts_with("path,status,score"));
    call("POST", "/v1/scan");

    // Batches: create, follow, stream, report in every format, list, delete.
    let created = server.post_form("/v1/batches", &samples_form().field("require", "go"));
    assert_eq!(created.status, 202, "{}", created.text());
    let id = created.json()["id"].as_str().unwrap().to_string();
    call("POST", "/v1/batches");
    let stream = server.get(&format!("/v1/batches/{id}/results"));
    assert_eq!(stream.content_type, "application/x-ndjson");
    let lines: Vec<Value> = stream
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), sample_names().len() + 1);
    assert!(lines[..lines.len() - 1]
        .iter()
        .all(|l| l["type"] == "document"));
    assert_eq!(lines.last().unwrap()["type"], "summary");
    call("GET", "/v1/batches/{id}/results");
    let status = server.wait(&id);
    assert_eq!(status["state"], "finished");
    assert_eq!(status["done"], sample_names().len());
    call("GET", "/v1/batches/{id}");
    for (format, starts) in [
        ("json", "{"),
        ("ndjson", "{\"type\":\"document\""),
        ("csv", "path,status,score"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let r = server.get(&format!("/v1/batches/{id}/report?format={format}"));
        assert_eq!(r.status, 200);
        assert!(r.text().starts_with(starts), "{format}");
    }
    call("GET", "/v1/batches/{id}/report");
    let list = server.get("/v1/batches").json();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == id.as_str()));
    call("GET", "/v1/batches");
    assert_eq!(
        server
            .send("DELETE", &format!("/v1/batches/{id}"), None, &[])
            .status,
        204
    );
    server.get(&format!("/v1/batches/{id}")).problem(404);
    call("DELETE", "/v1/batches/{id}");

    assert_eq!(
        called, documented,
        "every documented operation is called here"
    );
    println!(
        "serve: all {} documented operations answered",
        documented.len()
    );
    assert!(server.stop().success());
}

#[test]
fn a_batch_report_is_what_scan_writes() {
    let server = Server::start(&[]);
    let posting = std::fs::read(posting_path()).unwrap();
    let id =
        server.batch(&samples_form().part("job_file", "go-platform-engineer.md", posting.clone()));
    let served = server
        .get(&format!("/v1/batches/{id}/report?format=json"))
        .bytes;
    // `scan` in a folder holding the samples and the posting, under the same names.
    let dir = tempfile::tempdir().unwrap();
    let root = samples().join("resumes");
    for name in sample_names() {
        let to = dir.path().join(&name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(&name), to).unwrap();
    }
    std::fs::write(dir.path().join("go-platform-engineer.md"), &posting).unwrap();
    let scanned = Command::new(env!("CARGO_BIN_EXE_resumescan"))
        .current_dir(dir.path())
        .args(["scan", "--quiet", "--job", "go-platform-engineer.md"])
        .args(sample_names())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&served),
        String::from_utf8_lossy(&scanned.stdout)
    );
    for format in ["csv", "ndjson"] {
        let served = server
            .get(&format!("/v1/batches/{id}/report?format={format}"))
            .bytes;
        let scanned = Command::new(env!("CARGO_BIN_EXE_resumescan"))
            .current_dir(dir.path())
            .args([
                "scan",
                "--quiet",
                "--sorted",
                "--format",
                format,
                "--job",
                "go-platform-engineer.md",
            ])
            .args(sample_names())
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&served),
            String::from_utf8_lossy(&scanned.stdout),
            "{format}"
        );
    }
}

#[test]
fn bad_requests_get_their_status_and_a_problem_document() {
    let server = Server::start(&[
        "--max-files",
        "3",
        "--max-body",
        "200000",
        "--max-queued",
        "5",
    ]);
    let root = samples().join("resumes");
    // 400: malformed JSON, an unknown field, bad base64, no documents, a bad format.
    server
        .send(
            "POST",
            "/v1/scan",
            Some(("application/json", b"{not json".to_vec())),
            &[],
        )
        .problem(400);
    server
        .post_json(
            "/v1/scan",
            &serde_json::json!({"documents": [], "jobs": "x"}),
        )
        .problem(400);
    server
        .post_json(
            "/v1/scan",
            &serde_json::json!({"documents": [{"name": "a.pdf", "content_base64": "%%%"}]}),
        )
        .problem(400);
    server
        .post_json("/v1/batches", &serde_json::json!({}))
        .problem(400);
    server.get("/v1/batches/x/report?format=xml").problem(400);
    // 404: unknown path, unknown screening; 405: a method a path does not take.
    server.get("/v2/scan").problem(404);
    server.get("/v1/batches/0123456789abcdef").problem(404);
    server.send("PUT", "/v1/scan", None, &[]).problem(405);
    // 413: a body over --max-body, more documents than --max-files.
    let big = Form::default().file("big.txt", vec![b'a'; 300_000]);
    server.post_form("/v1/scan", &big).problem(413);
    let four = (0..4).fold(Form::default(), |f, i| {
        f.path(&root.join("go-backend.txt"), &format!("cv{i}.txt"))
    });
    server.post_form("/v1/batches", &four).problem(413);
    // 415: neither multipart nor JSON.
    server
        .send(
            "POST",
            "/v1/scan",
            Some(("text/plain", b"hello".to_vec())),
            &[],
        )
        .problem(415);
    // 422: an unknown skill, an unknown profile (or a path), a posting that names no skill.
    let one = Form::default().path(&root.join("go-backend.txt"), "go-backend.txt");
    let p = server
        .post_form(
            "/v1/scan",
            &Form::default()
                .path(&root.join("go-backend.txt"), "a.txt")
                .field("require", "kafak"),
        )
        .problem(422);
    assert!(p["detail"].as_str().unwrap().contains("kafka"), "{p}");
    server
        .post_form(
            "/v1/scan",
            &Form::default()
                .path(&root.join("go-backend.txt"), "a.txt")
                .field("profile", "/etc/passwd"),
        )
        .problem(422);
    server
        .post_form(
            "/v1/job",
            &Form::default().field("job", "We sell flowers and need a friendly florist."),
        )
        .problem(422);
    // 429 with Retry-After: more documents than may wait (--max-queued 5).
    let many = (0..3).fold(Form::default(), |f, i| {
        f.path(&root.join("go-backend.txt"), &format!("x{i}.txt"))
    });
    let first = server.post_form("/v1/batches", &many);
    assert_eq!(first.status, 202);
    let busy = server.post_form("/v1/batches", &many);
    if busy.status == 429 {
        busy.problem(429);
        assert!(busy.retry_after.is_some());
    } else {
        // The first finished before the second arrived: fill the queue in one request instead.
        assert_eq!(busy.status, 202);
    }
    let six = (0..6).fold(Form::default(), |f, i| {
        f.file(&format!("t{i}.txt"), b"Go".to_vec())
    });
    let server_small = Server::start(&["--max-queued", "5"]);
    let r = server_small.post_form("/v1/batches", &six);
    r.problem(429);
    assert!(r.retry_after.is_some());
    // A broken file inside a batch is an entry with its error, never a 500.
    let broken = server.post_form(
        "/v1/scan",
        &one.file("broken.pdf", b"%PDF-1.7\nnot a pdf".to_vec()),
    );
    assert_eq!(broken.status, 200, "{}", broken.text());
    let report = broken.json();
    assert_eq!(report["documents"][1]["status"], "error");
}

#[test]
fn a_token_guards_the_api_and_listening_beyond_loopback_needs_one() {
    let server = Server::start(&["--token", "s3cret"]);
    server.get("/v1/profiles").problem(401);
    server
        .send(
            "GET",
            "/v1/profiles",
            None,
            &[("Authorization", "Bearer wrong")],
        )
        .problem(401);
    let ok = server.send(
        "GET",
        "/v1/profiles",
        None,
        &[("Authorization", "Bearer s3cret")],
    );
    assert_eq!(ok.status, 200);
    // The page, the document and the health checks answer without it.
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.get("/v1/openapi.json").status, 200);

    let refused = Command::new(env!("CARGO_BIN_EXE_resumescan"))
        .args(["serve", "--listen", "0.0.0.0:0"])
        .env_remove("RESUMESCAN_TOKEN")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("without a token"));
}

#[test]
fn expired_screenings_are_deleted_and_their_memory_freed() {
    let server = Server::start(&["--keep-minutes", "0"]);
    // Twenty copies of the samples under other names: enough entries to see in the memory.
    let root = samples().join("resumes");
    let mut form = Form::default();
    for round in 0..20 {
        for name in sample_names() {
            form = form.path(&root.join(&name), &format!("{round}/{name}"));
        }
    }
    let before = rss_kib(server.pid());
    let created = server.post_form("/v1/batches", &form);
    assert_eq!(created.status, 202);
    let id = created.json()["id"].as_str().unwrap().to_string();
    // Finished, it is kept until the next check (about a second with --keep-minutes 0).
    let mut held = 0;
    let started = Instant::now();
    loop {
        let r = server.get(&format!("/v1/batches/{id}"));
        if r.status == 404 {
            r.problem(404);
            break;
        }
        if r.json()["state"] == "finished" {
            held = held.max(rss_kib(server.pid()));
        }
        assert!(started.elapsed() < Duration::from_secs(120), "still kept");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let after = rss_kib(server.pid());
    println!(
        "expiry: server RSS {} MiB before, {} MiB with the finished screening kept, {} MiB once it expired",
        before / 1024,
        held / 1024,
        after / 1024
    );
    assert!(
        held > 0,
        "the finished screening was seen before it expired"
    );
    assert!(
        after < held,
        "expiry frees memory: {after} KiB after, {held} KiB held"
    );
    assert!(server
        .get("/v1/batches")
        .json()
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn sigterm_stops_the_server_and_its_worker_processes() {
    let server = Server::start(&[]);
    let root = samples().join("resumes/pdf");
    let form = (0..40).fold(Form::default(), |f, i| {
        f.file(
            &format!("cv{i}.pdf"),
            [
                std::fs::read(root.join("go-backend.pdf")).unwrap(),
                format!("\n% copy {i}\n").into_bytes(),
            ]
            .concat(),
        )
    });
    let created = server.post_form("/v1/batches", &form);
    assert_eq!(created.status, 202);
    let id = created.json()["id"].as_str().unwrap().to_string();
    // 409 while it runs: the report is for a finished screening.
    server.get(&format!("/v1/batches/{id}/report")).problem(409);
    // Wait until worker processes exist.
    let pid = server.pid();
    let started = Instant::now();
    let mut workers = Vec::new();
    while workers.is_empty() && started.elapsed() < Duration::from_secs(20) {
        workers = children(pid);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!workers.is_empty(), "PDFs are read in worker processes");
    let status = server.stop();
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(300));
    let alive: Vec<u32> = workers
        .iter()
        .copied()
        .filter(|w| Path::new(&format!("/proc/{w}")).exists())
        .collect();
    assert!(alive.is_empty(), "workers left behind: {alive:?}");
}

/// Processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|s| {
                    let after = s.rsplit_once(')')?.1.to_string();
                    after.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A WebDriver session with headless Chromium (Debian's `chromium` and `chromium-driver`).
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(downloads: &Path) -> Option<Browser> {
        let chromium = ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .find_map(|c| which(c))?;
        let driver_path = which("chromedriver")?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(&format!("{base}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
        };
        let caps = serde_json::json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,2000"],
                "prefs": {"download.default_directory": downloads.to_str().unwrap(), "download.prompt_for_download": false}
            }
        }}});
        let session = browser.call("POST", "/session", Some(caps));
        browser.session = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_string();
        browser.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(serde_json::json!({"cmd": "Browser.setDownloadBehavior", "params": {"behavior": "allow", "downloadPath": downloads.to_str().unwrap()}})),
        );
        Some(browser)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let request = ureq::http::Request::builder().method(method).uri(&url);
        let result = match body {
            Some(b) => self.agent.run(
                request
                    .header("Content-Type", "application/json")
                    .body(serde_json::to_vec(&b).unwrap())
                    .unwrap(),
            ),
            None => self.agent.run(request.body(()).unwrap()),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let text = response.body_mut().read_to_string().unwrap_or_default();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn open(&self, url: &str) {
        self.cmd("POST", "/url", Some(serde_json::json!({ "url": url })));
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        self.cmd(
            "POST",
            "/elements",
            Some(serde_json::json!({"using": "css selector", "value": css})),
        )["value"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn find(&self, css: &str) -> String {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element {css}"))
    }

    fn wait_for(&self, css: &str, count: usize) -> Vec<String> {
        let started = Instant::now();
        loop {
            let found = self.find_all(css);
            if found.len() >= count {
                return found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "waited for {count} × {css}, found {}",
                found.len()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, element: &str) -> String {
        self.cmd("GET", &format!("/element/{element}/text"), None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn click(&self, element: &str) {
        self.cmd(
            "POST",
            &format!("/element/{element}/click"),
            Some(serde_json::json!({})),
        );
    }

    fn type_into(&self, element: &str, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{element}/value"),
            Some(serde_json::json!({ "text": text })),
        );
    }

    fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let b64 = self.cmd("GET", "/screenshot", None)["value"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap_or_default()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            self.cmd("DELETE", "", None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(program))
        .find(|p| p.is_file())
}

#[test]
fn a_recruiter_screens_the_samples_in_the_browser() {
    let downloads = tempfile::tempdir().unwrap();
    let Some(browser) = Browser::start(downloads.path()) else {
        support::skip::skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        return;
    };
    let server = Server::start(&[]);
    browser.open(&format!("{}/", server.base));
    browser.wait_for("#profile option", 1);
    let root = samples().join("resumes");
    let files: Vec<String> = sample_names()
        .iter()
        .map(|n| root.join(n).to_string_lossy().into_owned())
        .collect();
    browser.type_into(&browser.find("#files"), &files.join("\n"));
    browser.type_into(
        &browser.find("#posting-file"),
        posting_path().to_str().unwrap(),
    );
    let start = browser.find("#start");
    browser.click(&start);
    let rows = browser.wait_for("table.ranked tbody tr.candidate", sample_names().len());
    assert_eq!(rows.len(), sample_names().len(), "one row per sample");
    // Ranked as `scan --sort match` ranks them.
    let scanned = Command::new(env!("CARGO_BIN_EXE_resumescan"))
        .args(["scan", "--quiet", "--sort", "match", "--job"])
        .arg(posting_path())
        .args(sample_names().iter().map(|n| root.join(n)))
        .output()
        .unwrap();
    let expected = support::cli::file_names(&serde_json::from_slice(&scanned.stdout).unwrap());
    let shown: Vec<String> = browser
        .find_all("table.ranked tbody tr.candidate td.file")
        .iter()
        .map(|e| browser.text(e))
        .collect();
    assert_eq!(shown, expected, "rank order");
    // The best candidate opens to the evidence.
    browser.click(&rows[0]);
    let evidence = browser.wait_for("tr.detail:not([hidden]) .ev", 1);
    let line = browser.text(&evidence[0]);
    assert!(line.contains("line "), "{line}");
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let png = browser.screenshot();
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/serve.png"),
            png,
        )
        .unwrap();
    }
    // The CSV export downloads.
    let csv_button = browser.find("button.export[data-format=csv]");
    browser.click(&csv_button);
    let started = Instant::now();
    let csv = loop {
        let found = std::fs::read_dir(downloads.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(p) = found {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if text.lines().count() > sample_names().len() {
                break text;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no CSV downloaded"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(csv.starts_with("path,status,score"), "{csv}");
    assert_eq!(csv.lines().count(), sample_names().len() + 1);
    println!(
        "browser: {} candidates ranked as scan ranks them, evidence shown, CSV of {} rows downloaded",
        shown.len(),
        csv.lines().count() - 1
    );
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn load_on_loopback_fails_nothing_and_memory_stays_flat() {
    let Some(corpus) = support::corpus::dir("labels-public.tsv") else {
        return;
    };
    let pdfs: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> =
            std::fs::read_dir(corpus.join("datasets/livecareer-resume-pdfs/pdf"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                .collect();
        v.sort();
        v
    };
    assert_eq!(pdfs.len(), 300);
    let server = Server::start(&[]);

    // 2,000 synchronous scans of a small resume from 32 clients at once.
    let resume = std::fs::read_to_string(samples().join("resumes/go-backend.txt")).unwrap();
    let started = Instant::now();
    let latencies: Vec<(u128, bool)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..32)
            .map(|client| {
                let server = &server;
                let resume = &resume;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for n in 0..2000 / 32 + usize::from(client < 2000 % 32) {
                        let id = format!("{client}-{n}");
                        let t = Instant::now();
                        let r = server.post_json(
                            "/v1/scan",
                            &serde_json::json!({"documents": [{"id": id, "name": "cv.txt", "text": resume}]}),
                        );
                        let ok = r.status == 200 && {
                            let report = r.json();
                            let docs = report["documents"].as_array().unwrap();
                            docs.len() == 1 && docs[0]["id"] == id.as_str() && docs[0]["status"] == "ok"
                        };
                        out.push((t.elapsed().as_micros(), ok));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let failed = latencies.iter().filter(|(_, ok)| !ok).count();
    let mut micros: Vec<u128> = latencies.iter().map(|(m, _)| *m).collect();
    micros.sort_unstable();
    let pct =
        |p: f64| micros[((micros.len() as f64 * p) as usize).min(micros.len() - 1)] as f64 / 1000.0;
    println!(
        "load: {} requests from 32 clients in {elapsed:.1} s: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms, {failed} failed",
        micros.len(),
        micros.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99)
    );
    assert_eq!(micros.len(), 2000);
    assert_eq!(failed, 0);

    // 10 successive batches of the 300 PDFs: every document once, memory flat.
    let form = pdfs.iter().fold(Form::default(), |f, p| {
        f.path(p, &p.file_name().unwrap().to_string_lossy())
    });
    let mut rss = Vec::new();
    let mut held = Vec::new();
    let batches_started = Instant::now();
    for round in 0..10 {
        let id = server.batch(&form);
        let report = server
            .get(&format!("/v1/batches/{id}/report?format=json"))
            .json();
        let docs = report["documents"].as_array().unwrap();
        let paths: BTreeSet<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
        assert_eq!(docs.len(), 300, "round {round}");
        assert_eq!(paths.len(), 300, "every document once");
        held.push(rss_kib(server.pid()));
        // Deleted ("Delete now"), its memory goes back.
        assert_eq!(
            server
                .send("DELETE", &format!("/v1/batches/{id}"), None, &[])
                .status,
            204
        );
        rss.push(rss_kib(server.pid()));
    }
    println!(
        "load: 10 batches of 300 PDFs in {:.1} s; server RSS with each batch held (MiB): {:?}; once it was deleted: {:?}",
        batches_started.elapsed().as_secs_f64(),
        held.iter().map(|k| k / 1024).collect::<Vec<_>>(),
        rss.iter().map(|k| k / 1024).collect::<Vec<_>>()
    );
    // Flat once warm: the first batches fill the allocator's arenas and the caches; after the
    // fifth, a batch adds next to nothing, and deleting one gives its documents back.
    let warm = rss[4] as f64;
    let late = *rss[5..].iter().max().unwrap() as f64;
    assert!(late <= warm * 1.2, "RSS keeps growing: {rss:?}");
    assert!(
        held.iter().zip(&rss).all(|(h, r)| h >= r),
        "deleting a batch frees its memory: {held:?} vs {rss:?}"
    );
    assert!(server
        .get("/v1/batches")
        .json()
        .as_array()
        .unwrap()
        .is_empty());
}
