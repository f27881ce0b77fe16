//! DOCX reading on arbitrary input. The first byte picks how the rest is used: as a whole file
//! (ZIP parsing, entry limits) or as the `word/document.xml` of an otherwise valid DOCX, so that
//! the fuzzer reaches the XML reader instead of stopping at ZIP checksums.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;

/// Wraps `xml` as the main part of a minimal DOCX (stored, not compressed).
fn docx_with(xml: &[u8]) -> Option<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    zip.start_file("[Content_Types].xml", options).ok()?;
    zip.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    )
    .ok()?;
    zip.start_file("word/document.xml", options).ok()?;
    zip.write_all(xml).ok()?;
    zip.finish().ok()?;
    Some(out.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        match docx_with(rest) {
            Some(bytes) => bytes,
            None => return,
        }
    };
    let _ = resumescan::extract::extract_bytes(Path::new("fuzz.docx"), &bytes);
});
