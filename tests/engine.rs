//! The library's batch engine (`resumescan::batch`) as a library user drives it: every input an
//! entry, in order, with ids; duplicates; shards; progress; cancel; worker processes.

mod support;

use resumescan::batch::{Batch, CancelHandle, Input, Isolation, Order, Progress, WorkerCommand};
use resumescan::{Analyzer, DocumentReport, ErrorKind, Status, StatusReason};
use std::collections::BTreeSet;

fn analyzer() -> Analyzer {
    Analyzer::new().unwrap()
}

fn sample(name: &str) -> std::path::PathBuf {
    support::cli::samples().join("resumes").join(name)
}

/// Counts what a run told its observer.
#[derive(Default)]
struct Seen {
    started: Vec<Option<usize>>,
    finished: usize,
    done: usize,
}

impl Progress for Seen {
    fn started(&mut self, total: Option<usize>) {
        self.started.push(total);
    }
    fn finished(&mut self, _doc: &DocumentReport) {
        self.finished += 1;
    }
    fn done(&mut self) {
        self.done += 1;
    }
}

#[test]
fn every_kind_of_input_gives_one_entry_in_order() {
    let analyzer = analyzer();
    let batch = Batch::builder(&analyzer).jobs(2).build().unwrap();
    let pdf = std::fs::read(sample("pdf/go-backend.pdf")).unwrap();
    let inputs = vec![
        Input::path(sample("java-spring.txt")),
        Input::bytes("cv.pdf", pdf).with_id(7),
        Input::text("pasted", "SKILLS\nGo, Kafka, PostgreSQL").with_id("row-3"),
        Input::reader(
            "-",
            std::io::Cursor::new(b"Ruby on Rails and Redis".to_vec()),
        ),
        Input::path(sample("no-such-file.pdf")),
        Input::failed("line 9", ErrorKind::BadInput, "line 9: not a JSON record"),
        Input::skipped("link.pdf", StatusReason::Symlink),
        Input::bytes("blank.txt", b"   \n".to_vec()),
    ];
    let mut seen = Seen::default();
    let docs = batch.collect(inputs, &mut seen);
    let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            sample("java-spring.txt").to_str().unwrap(),
            "cv.pdf",
            "pasted",
            "-",
            sample("no-such-file.pdf").to_str().unwrap(),
            "line 9",
            "link.pdf",
            "blank.txt"
        ]
    );
    let statuses: Vec<Status> = docs.iter().map(|d| d.status).collect();
    use Status::*;
    assert_eq!(statuses, [Ok, Ok, Ok, Ok, Error, Error, Skipped, Empty]);
    assert_eq!(docs[1].id, Some(serde_json::json!(7)));
    assert_eq!(docs[2].id, Some(serde_json::json!("row-3")));
    assert_eq!(docs[1].format.as_deref(), Some("pdf"));
    assert!(docs[2].skills.iter().any(|s| s.id == "kafka"));
    assert!(docs[3].skills.iter().any(|s| s.id == "rails"));
    assert_eq!(docs[4].error.as_ref().unwrap().kind, ErrorKind::NotFound);
    assert_eq!(docs[5].error.as_ref().unwrap().kind, ErrorKind::BadInput);
    assert_eq!(docs[6].reason, Some(StatusReason::Symlink));
    assert_eq!(docs[7].reason, Some(StatusReason::NoText));
    assert_eq!(seen.started, [None]);
    assert_eq!((seen.finished, seen.done), (8, 1));
}

#[test]
fn duplicates_name_the_first_input_and_are_not_analysed_again() {
    let analyzer = analyzer();
    let text = std::fs::read(sample("go-backend.txt")).unwrap();
    let inputs = vec![
        Input::path(sample("go-backend.txt")),
        Input::bytes("copy.txt", text.clone()),
        Input::bytes("again.txt", text),
        Input::path(sample("php-laravel.txt")),
    ];
    let batch = Batch::builder(&analyzer).duplicates(true).build().unwrap();
    let mut seen = Seen::default();
    let docs = batch.collect(inputs, &mut seen);
    let first = sample("go-backend.txt").to_str().unwrap().to_string();
    assert_eq!(docs[0].status, Status::Ok);
    for d in &docs[1..3] {
        assert_eq!(d.status, Status::Duplicate, "{}", d.path);
        assert_eq!(d.duplicate_of.as_deref(), Some(first.as_str()));
    }
    assert_eq!(docs[3].status, Status::Ok);
    // With duplicate detection the inputs are listed first, so the total is known.
    assert_eq!(seen.started, [Some(4)]);
}

#[test]
fn shards_split_the_inputs_between_runs() {
    let analyzer = analyzer();
    let inputs = || (0..40).map(|i| Input::text(format!("doc-{i}"), "Go and Kafka"));
    let mut all = BTreeSet::new();
    let mut total = 0;
    for k in 0..3 {
        let batch = Batch::builder(&analyzer).shard(k, 3).build().unwrap();
        let docs = batch.collect(inputs(), &mut ());
        assert!(
            !docs.is_empty() && docs.len() < 40,
            "shard {k}: {}",
            docs.len()
        );
        total += docs.len();
        all.extend(docs.into_iter().map(|d| d.path));
    }
    assert_eq!(
        (total, all.len()),
        (40, 40),
        "every input in exactly one shard"
    );
}

#[test]
fn as_finished_delivers_every_input_once() {
    let analyzer = analyzer();
    let batch = Batch::builder(&analyzer)
        .jobs(2)
        .order(Order::AsFinished)
        .build()
        .unwrap();
    let inputs = (0..200).map(|i| Input::text(format!("{i}"), "Python, Django, PostgreSQL"));
    let mut positions = BTreeSet::new();
    let finished = batch
        .run(inputs, &mut (), &CancelHandle::default(), |i, doc| {
            assert_eq!(doc.path, i.to_string());
            positions.insert(i);
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(positions.len(), 200);
    assert_eq!((finished.documents, finished.cancelled), (200, false));
}

#[test]
fn cancel_stops_the_run_between_documents() {
    let analyzer = analyzer();
    let batch = Batch::builder(&analyzer).jobs(2).build().unwrap();
    let cancel = CancelHandle::default();
    // An endless stream: only the cancel can end this run.
    let inputs = (0..).map(|i| Input::text(format!("{i}"), "Go"));
    let mut seen = Seen::default();
    let mut delivered = 0;
    let finished = batch
        .run(inputs, &mut seen, &cancel, |_, _| {
            delivered += 1;
            if delivered == 50 {
                cancel.cancel();
            }
            Ok::<(), ()>(())
        })
        .unwrap();
    assert!(finished.cancelled);
    assert!(
        (50..50 + 1024 + 64).contains(&finished.documents),
        "{} entries after the cancel",
        finished.documents
    );
    assert_eq!(seen.done, 1);
}

#[test]
fn an_error_from_the_receiver_stops_the_run_and_is_returned() {
    let analyzer = analyzer();
    let batch = Batch::builder(&analyzer).jobs(2).build().unwrap();
    let inputs = (0..).map(|i| Input::text(format!("{i}"), "Go"));
    let result = batch.run(inputs, &mut (), &CancelHandle::default(), |i, _| {
        if i == 10 {
            Err("disk full")
        } else {
            Ok(())
        }
    });
    assert_eq!(result.unwrap_err(), "disk full");
}

/// Processes whose parent is this test process and whose command line names the worker mode.
#[cfg(target_os = "linux")]
fn worker_children() -> usize {
    let me = std::process::id().to_string();
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            // pid (comm) state ppid …: the parent comes after the closing parenthesis.
            let ppid = stat
                .rsplit_once(") ")
                .and_then(|(_, rest)| rest.split_whitespace().nth(1));
            let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            ppid == Some(me.as_str()) && cmdline.windows(8).any(|w| w == b"__worker")
        })
        .count()
}

#[test]
#[cfg(target_os = "linux")]
fn worker_processes_read_pdfs_and_end_with_the_batch() {
    let analyzer = analyzer();
    let worker = WorkerCommand::resumescan(env!("CARGO_BIN_EXE_resumescan"));
    let batch = Batch::builder(&analyzer)
        .jobs(2)
        .isolation(Isolation::Process(worker))
        .build()
        .unwrap();
    let pdfs = ["go-backend.pdf", "java-spring.pdf", "security-engineer.pdf"];
    let docs = batch.collect(
        pdfs.map(|p| Input::path(sample(&format!("pdf/{p}")))),
        &mut (),
    );
    for d in &docs {
        assert_eq!(d.status, Status::Ok, "{}: {:?}", d.path, d.error);
        assert!(!d.skills.is_empty(), "{}", d.path);
    }
    assert!(
        worker_children() >= 1,
        "the PDFs were read by worker processes"
    );
    drop(batch);
    assert_eq!(worker_children(), 0, "no worker outlives its batch");
}
