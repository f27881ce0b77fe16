//! Regenerates the sample PDFs in `samples/resumes/pdf/` from their text versions:
//! `cargo run --example make_sample_pdfs`. The output is reproducible byte for byte.

#[path = "../tests/support/pdfgen.rs"]
#[allow(dead_code)] // the scan writer is for tests
mod pdfgen;

/// The sample resumes that also ship as PDF.
const AS_PDF: &[&str] = &["go-backend", "java-spring", "security-engineer"];

fn main() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/resumes");
    std::fs::create_dir_all(root.join("pdf"))?;
    for stem in AS_PDF {
        let text = std::fs::read_to_string(root.join(format!("{stem}.txt")))?;
        let target = root.join("pdf").join(format!("{stem}.pdf"));
        std::fs::write(&target, pdfgen::text_to_pdf(&text))?;
    }
    Ok(())
}
