//! A minimal PDF writer for test data: plain text laid out in Helvetica, one line per text line.
//!
//! It writes only what readers need (catalog, page tree, a base-14 font with WinAnsiEncoding,
//! one content stream per page, a cross-reference table), so the output is byte-for-byte
//! reproducible and small.

/// Lines per page at 10 pt with 12 pt leading on US Letter.
const LINES_PER_PAGE: usize = 60;

/// Lays `text` out as a PDF and returns its bytes.
pub fn text_to_pdf(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let pages: Vec<&[&str]> = if lines.is_empty() {
        vec![&[][..]]
    } else {
        lines.chunks(LINES_PER_PAGE).collect()
    };
    let mut objects: Vec<Vec<u8>> = Vec::new();
    // 1: catalog, 2: page tree, 3: font, then (page, contents) pairs.
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 4 + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, page) in pages.iter().enumerate() {
        let contents_id = 5 + 2 * i;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {contents_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut stream = b"BT\n/F1 10 Tf\n12 TL\n50 750 Td\n".to_vec();
        for line in page.iter() {
            stream.push(b'(');
            stream.extend(encode_line(line));
            stream.extend(b") Tj T*\n");
        }
        stream.extend(b"ET\n");
        let mut obj = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
        obj.extend(stream);
        obj.extend(b"endstream");
        objects.push(obj);
    }

    assemble(&objects)
}

/// A grey-scale page image: width and height in pixels, then one byte per pixel, row by row.
pub struct GreyImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// A PDF whose pages are only images (rendered at 150 dpi) drawn over the whole page: a scan, with
/// no text layer.
pub fn images_to_pdf(pages: &[GreyImage]) -> Vec<u8> {
    // 1: catalog, 2: page tree, then (page, contents, image) triples.
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 3 + 3 * i))
        .collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    ];
    for (i, page) in pages.iter().enumerate() {
        let (contents, image) = (4 + 3 * i, 5 + 3 * i);
        let (w, h) = (
            page.width as f64 * 72.0 / 150.0,
            page.height as f64 * 72.0 / 150.0,
        );
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2} {h:.2}] \
                 /Resources << /XObject << /Im1 {image} 0 R >> >> /Contents {contents} 0 R >>"
            )
            .into_bytes(),
        );
        let draw = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Im1 Do Q\n");
        objects.push(stream_object("", draw.as_bytes()));
        objects.push(stream_object(
            &format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} \
                 /ColorSpace /DeviceGray /BitsPerComponent 8",
                page.width, page.height
            ),
            &page.pixels,
        ));
    }
    assemble(&objects)
}

/// A stream object with extra dictionary entries.
fn stream_object(entries: &str, data: &[u8]) -> Vec<u8> {
    let mut obj = format!("<< {entries} /Length {} >>\nstream\n", data.len()).into_bytes();
    obj.extend(data);
    obj.extend(b"\nendstream");
    obj
}

/// Numbers the objects from 1 and writes the file: header, objects, cross-reference table.
fn assemble(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref_at = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

/// A text line as a PDF string body in WinAnsiEncoding, with `( ) \` escaped.
fn encode_line(line: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len());
    for c in line.chars() {
        let b = match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                c as u8
            }
            ' '..='~' => c as u8,
            '•' | '▪' | '●' | '◦' | '➢' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '…' => 0x85,
            '€' => 0x80,
            '\t' => b' ',
            c if (c as u32) >= 0xA0 && (c as u32) <= 0xFF => c as u32 as u8,
            _ => b'?',
        };
        out.push(b);
    }
    out
}
