//! Word (.docx) and OpenDocument (.odt) text: ZIP archives of XML parts.
//!
//! DOCX: the body, tables, text boxes and hyperlinks' text of `word/document.xml`, plus headers,
//! footers, footnotes and endnotes. Only `w:t` runs are text, so field codes (`w:instrText`, where
//! link targets live) and deleted revisions (`w:delText`) are left out; `mc:Fallback` copies of
//! text boxes are skipped so nothing is read twice.
//!
//! Archives are read defensively: an entry larger than [`MAX_ENTRY_BYTES`] once inflated, or that
//! inflates more than [`MAX_RATIO`] times its compressed size, is refused (a zip bomb), and the
//! whole document's text is capped at [`MAX_TEXT_BYTES`].

use crate::error::Error;
use quick_xml::events::Event;
use std::io::{Cursor, Read};
use std::path::Path;

/// Largest XML part read, after decompression.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Largest decompression ratio accepted for parts over 1 MiB.
pub const MAX_RATIO: u64 = 200;
/// Largest text kept from one document.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// What kind of office document a ZIP archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OfficeKind {
    Docx,
    Odt,
}

/// Extracts the text of a DOCX or ODT archive; `Ok(None)` when the archive is neither.
pub(super) fn extract(path: &Path, bytes: &[u8]) -> Result<Option<(OfficeKind, String)>, Error> {
    let parse_error = |message: String| Error::Parse {
        path: path.to_path_buf(),
        format: "zip",
        message,
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| parse_error(e.to_string()))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    let (kind, parts) = if names.iter().any(|n| n == "word/document.xml") {
        let mut parts: Vec<String> = Vec::new();
        let group = |prefix: &str| {
            let mut v: Vec<String> = names
                .iter()
                .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
                .cloned()
                .collect();
            v.sort();
            v
        };
        parts.extend(group("word/header"));
        parts.push("word/document.xml".into());
        parts.extend(group("word/footnotes"));
        parts.extend(group("word/endnotes"));
        parts.extend(group("word/footer"));
        (OfficeKind::Docx, parts)
    } else if names.iter().any(|n| n == "content.xml") {
        (OfficeKind::Odt, vec!["content.xml".to_string()])
    } else {
        return Ok(None);
    };
    let format = match kind {
        OfficeKind::Docx => "docx",
        OfficeKind::Odt => "odt",
    };
    let mut text = String::new();
    for part in parts {
        let xml = read_entry(&mut archive, &part).map_err(|message| Error::Parse {
            path: path.to_path_buf(),
            format,
            message,
        })?;
        xml_text(&xml, kind, &mut text).map_err(|message| Error::Parse {
            path: path.to_path_buf(),
            format,
            message: format!("{part}: {message}"),
        })?;
        if text.len() > MAX_TEXT_BYTES {
            return Err(Error::Parse {
                path: path.to_path_buf(),
                format,
                message: format!("more than {MAX_TEXT_BYTES} bytes of text"),
            });
        }
        text.push('\n');
    }
    Ok(Some((kind, text)))
}

fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Vec<u8>, String> {
    let entry = archive.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let declared = entry.size();
    let compressed = entry.compressed_size().max(1);
    if declared > MAX_ENTRY_BYTES || (declared > 1 << 20 && declared / compressed > MAX_RATIO) {
        return Err(format!(
            "{name} inflates to {declared} bytes from {compressed}: refused as a likely zip bomb"
        ));
    }
    let mut out = Vec::with_capacity(declared.min(MAX_ENTRY_BYTES) as usize);
    // Declared sizes can lie: cap what is actually inflated too.
    entry
        .take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: {e}"))?;
    if out.len() as u64 > MAX_ENTRY_BYTES {
        return Err(format!(
            "{name} inflates past {MAX_ENTRY_BYTES} bytes: refused"
        ));
    }
    Ok(out)
}

/// Appends the visible text of one XML part to `out`.
fn xml_text(xml: &[u8], kind: OfficeKind, out: &mut String) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    // Depth inside elements whose text is kept (`w:t`) or skipped (`mc:Fallback`, ODT notes' citations).
    let mut in_text = 0usize;
    let mut skipping = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || name == b"Fallback" {
                    skipping += 1;
                } else if kind == OfficeKind::Docx && name == b"t" {
                    in_text += 1;
                } else {
                    structural(name, kind, false, out);
                }
            }
            Event::Empty(e) if skipping == 0 => {
                structural(e.local_name().as_ref(), kind, true, out);
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                } else if kind == OfficeKind::Docx && name == b"t" {
                    in_text = in_text.saturating_sub(1);
                } else if matches!(name, b"p" | b"h") {
                    out.push('\n');
                } else if name == b"tc" || name == b"table-cell" {
                    out.push('\t');
                }
            }
            Event::Text(t) if skipping == 0 && (in_text > 0 || kind == OfficeKind::Odt) => {
                out.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if skipping == 0 && (in_text > 0 || kind == OfficeKind::Odt) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Ok(name) = r.decode() {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                        out.push_str(s);
                    }
                }
            }
            Event::CData(t) if skipping == 0 && in_text > 0 => {
                out.push_str(&String::from_utf8_lossy(&t));
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Line breaks, tabs and spaces written as elements.
fn structural(name: &[u8], kind: OfficeKind, empty: bool, out: &mut String) {
    match (kind, name) {
        (OfficeKind::Docx, b"tab") | (OfficeKind::Odt, b"tab") => out.push('\t'),
        (OfficeKind::Docx, b"br" | b"cr") | (OfficeKind::Odt, b"line-break") => out.push('\n'),
        (OfficeKind::Odt, b"s") => out.push(' '),
        (_, b"p" | b"h") if empty => out.push('\n'),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, data) in entries {
                zip.start_file(*name, opts).unwrap();
                zip.write_all(data).unwrap();
            }
            zip.finish().unwrap();
        }
        buf.into_inner()
    }

    const DOC: &[u8] = br#"<?xml version="1.0"?>
<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:r><w:t>Skills:</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Go &amp; Rust</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Kafka</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Redis</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:hyperlink><w:r><w:t>PostgreSQL</w:t></w:r></w:hyperlink><w:r><w:instrText>HYPERLINK "https://x"</w:instrText></w:r></w:p>
<w:p><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Docker</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:t>Docker</w:t></mc:Fallback></mc:AlternateContent></w:p>
<w:p><w:r><w:delText>Cobol</w:delText><w:t>Linux</w:t><w:br/><w:t>Git</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn reads_docx_body_tables_links_text_boxes_and_headers() {
        let header = br#"<w:hdr xmlns:w="w"><w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p></w:hdr>"#;
        let bytes = zip_of(&[("word/document.xml", DOC), ("word/header1.xml", header)]);
        let (kind, text) = extract(Path::new("a.docx"), &bytes).unwrap().unwrap();
        assert_eq!(kind, OfficeKind::Docx);
        assert!(text.starts_with("Jane Doe\n"), "{text:?}");
        assert!(text.contains("Skills:\tGo & Rust\n"), "{text:?}");
        assert!(text.contains("Kafka\n\tRedis\n\t"), "{text:?}");
        assert!(text.contains("PostgreSQL\n"), "{text:?}");
        assert_eq!(text.matches("Docker").count(), 1, "{text:?}");
        assert!(text.contains("Linux\nGit"), "{text:?}");
        assert!(
            !text.contains("Cobol") && !text.contains("HYPERLINK"),
            "{text:?}"
        );
    }

    #[test]
    fn reads_odt() {
        let content = br#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>
<text:h>Experience</text:h><text:p>Built <text:span>Kafka</text:span> pipelines<text:tab/>2019<text:line-break/>Go<text:s/>services</text:p>
</office:text></office:body></office:document-content>"#;
        let bytes = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content),
        ]);
        let (kind, text) = extract(Path::new("a.odt"), &bytes).unwrap().unwrap();
        assert_eq!(kind, OfficeKind::Odt);
        assert!(text.contains("Experience\n"), "{text:?}");
        assert!(
            text.contains("Built Kafka pipelines\t2019\nGo services"),
            "{text:?}"
        );
    }

    #[test]
    fn refuses_zip_bombs_and_other_archives() {
        let huge = vec![b'a'; 8 << 20];
        let bytes = zip_of(&[("word/document.xml", &huge)]);
        let err = extract(Path::new("bomb.docx"), &bytes).unwrap_err();
        assert!(err.to_string().contains("zip bomb"), "{err}");
        let other = zip_of(&[("readme.txt", b"hello")]);
        assert!(extract(Path::new("x.zip"), &other).unwrap().is_none());
        assert!(extract(Path::new("broken.docx"), b"PK\x03\x04garbage").is_err());
    }

    #[test]
    fn broken_xml_is_a_parse_error() {
        let bytes = zip_of(&[(
            "word/document.xml",
            b"<w:document><w:body><w:p><w:t>Go</w:p>",
        )]);
        let err = extract(Path::new("bad.docx"), &bytes).unwrap_err();
        assert_eq!(err.kind(), "parse");
    }
}
