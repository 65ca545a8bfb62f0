//! Reading one article file into text: UTF-8 (with or without a byte order mark) and
//! UTF-16 with a byte order mark are accepted; binary, non-UTF-8 and oversized files are
//! skipped with a reason that says what to do, because guessing an encoding corrupts quotes.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use rayon::prelude::*;

use super::walk::io_reason;
use super::{Article, Skipped, header};

/// How far into a file a NUL byte marks it as binary (the same window as git's).
const BINARY_WINDOW: usize = 8 * 1024;

/// Files larger than this are not read unless the caller allows more: far beyond any
/// article (a long feature is well under 1 MiB), yet a whole book or a site dump still fits.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Reads and decodes one article; `display` is the path shown to the user. Files over
/// [`DEFAULT_MAX_FILE_SIZE`] are skipped.
pub fn read_article(path: &Path, display: &str) -> Result<Article, Skipped> {
    read_article_limited(path, display, DEFAULT_MAX_FILE_SIZE)
}

/// Reads and decodes one article, skipping it when it holds more than `max_bytes` bytes.
pub fn read_article_limited(
    path: &Path,
    display: &str,
    max_bytes: u64,
) -> Result<Article, Skipped> {
    let bytes = read_bytes(path, max_bytes).map_err(|reason| Skipped {
        path: display.to_string(),
        reason,
    })?;
    article_from_bytes(display, bytes)
}

/// Decodes an article from the bytes of its file, exactly as [`read_article`] would. A
/// file with no text at all is skipped: it is usually a failed save or export, and
/// counting it as a checked article would hide that.
pub fn article_from_bytes(display: &str, bytes: Vec<u8>) -> Result<Article, Skipped> {
    let skipped = |reason: String| Skipped {
        path: display.to_string(),
        reason,
    };
    let size = bytes.len();
    let (text, encoding) = decode(bytes).map_err(skipped)?;
    if text.trim().is_empty() {
        return Err(skipped(if size == 0 {
            "empty file".to_string()
        } else {
            format!(
                "empty file (only {} of white space)",
                size_in_words(size as u64)
            )
        }));
    }
    let (published, body_start) = header(&text);
    Ok(Article {
        path: display.to_string(),
        text,
        published,
        body_start,
        encoding: encoding.map(|e| e.name().to_string()),
    })
}

/// Reads every file of a walk, in parallel, keeping the walk's order in both lists.
pub fn read_articles(files: &[(PathBuf, String)]) -> (Vec<Article>, Vec<Skipped>) {
    let results: Vec<Result<Article, Skipped>> = files
        .par_iter()
        .map(|(path, display)| read_article(path, display))
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(skip) => skipped.push(skip),
        }
    }
    (articles, skipped)
}

fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| io_reason(&e))?;
    // The reported size only sizes the buffer; the limit is enforced on what is read,
    // because named pipes report no size and a growing file may report too little.
    let expected = file.metadata().map_or(0, |m| m.len()).min(max_bytes);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0).saturating_add(1));
    // One byte past the limit tells a file at the limit from one above it.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "file too large (over {}); raise the limit with --max-file-size if it really is an article",
            size_in_words(max_bytes)
        ));
    }
    Ok(bytes)
}

/// A byte count as people write it: "256 MiB", "1.5 KiB", "100 bytes".
pub fn size_in_words(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let shown = format!("{value:.1}");
    let shown = shown.strip_suffix(".0").unwrap_or(&shown);
    format!("{shown} {}", UNITS[unit])
}

/// The decoded text and, when it was not UTF-8, the encoding it was decoded from. UTF-8
/// is validated in place, so a large article is not copied.
fn decode(mut bytes: Vec<u8>) -> Result<(String, Option<&'static Encoding>), String> {
    let utf16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(UTF_16BE)
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        let body = &bytes[2..];
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| {
                format!(
                    "not valid {} text (broken surrogate pair or odd number of bytes); \
                     save it as UTF-8",
                    encoding.name()
                )
            })?;
        // A UTF-32 file starts with the same bytes as a UTF-16LE one and then decodes
        // to NUL characters.
        let window = &text.as_bytes()[..text.len().min(BINARY_WINDOW)];
        if let Some(at) = memchr::memchr(0, window) {
            return Err(format!(
                "binary file (NUL character at offset {} of the decoded text)",
                at
            ));
        }
        return Ok((text.into_owned(), Some(encoding)));
    }

    let window = &bytes[..bytes.len().min(BINARY_WINDOW)];
    if let Some(at) = memchr::memchr(0, window) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    let bom_len = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        3
    } else {
        0
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(err) => {
            let utf8 = err.utf8_error();
            // Offsets are in the file, byte order mark included: that is what a hex
            // editor shows.
            let at = bom_len + utf8.valid_up_to();
            let reason = match (utf8.error_len(), err.as_bytes().get(utf8.valid_up_to())) {
                (Some(_), Some(byte)) => format!(
                    "not UTF-8 text (invalid byte 0x{byte:02X} at offset {at}); save it as UTF-8"
                ),
                _ => format!(
                    "not UTF-8 text (incomplete character at the end, offset {at}); \
                     save it as UTF-8"
                ),
            };
            Err(reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DateSource;
    use std::fs;

    fn read_bytes_as_article(bytes: &[u8]) -> Result<Article, Skipped> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("article.txt");
        fs::write(&path, bytes).expect("test file can be written");
        read_article(&path, "articles/article.txt")
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf8_text_is_read_as_is_with_the_display_path() {
        let article = read_bytes_as_article("Legend said “no”.\n".as_bytes()).expect("read");
        assert_eq!(article.text, "Legend said “no”.\n");
        assert_eq!(article.path, "articles/article.txt");
        assert_eq!(article.encoding, None);
        assert_eq!(article.published, None);
        assert_eq!(article.body_start, 0);
    }

    #[test]
    fn a_utf8_byte_order_mark_is_removed_and_the_header_still_found() {
        let article =
            read_bytes_as_article(b"\xEF\xBB\xBFdate 2022-09-08 Lead paragraph.").expect("read");
        assert_eq!(article.text, "date 2022-09-08 Lead paragraph.");
        assert_eq!(article.encoding, None);
        let published = article.published.expect("header date");
        assert_eq!(published.source, DateSource::Header);
        assert_eq!(&article.text[published.span], "2022-09-08");
        assert_eq!(&article.text[article.body_start..], "Lead paragraph.");
    }

    #[test]
    fn utf16_little_endian_with_a_byte_order_mark_is_decoded() {
        let article =
            read_bytes_as_article(&utf16("date 2022-09-08 Ye’s “friend”", false)).expect("read");
        assert_eq!(article.text, "date 2022-09-08 Ye’s “friend”");
        assert_eq!(article.encoding.as_deref(), Some("UTF-16LE"));
        assert!(article.published.is_some());
    }

    #[test]
    fn utf16_big_endian_with_a_byte_order_mark_is_decoded() {
        let article = read_bytes_as_article(&utf16("Plain text é", true)).expect("read");
        assert_eq!(article.text, "Plain text é");
        assert_eq!(article.encoding.as_deref(), Some("UTF-16BE"));
    }

    #[test]
    fn broken_utf16_is_skipped_rather_than_patched() {
        let mut bytes = utf16("ab", false);
        bytes.extend_from_slice(&[0x00, 0xD8]); // a lone high surrogate
        let skipped = read_bytes_as_article(&bytes).expect_err("skipped");
        assert!(skipped.reason.starts_with("not valid UTF-16LE text"));
    }

    #[test]
    fn utf32_is_skipped_as_binary() {
        let skipped = read_bytes_as_article(b"\xFF\xFE\x00\x00a\x00\x00\x00").expect_err("skipped");
        assert!(
            skipped.reason.starts_with("binary file"),
            "{}",
            skipped.reason
        );
    }

    #[test]
    fn latin1_text_is_skipped_with_the_offset_of_the_first_bad_byte() {
        let skipped = read_bytes_as_article(b"Caf\xE9 society").expect_err("skipped");
        assert_eq!(skipped.path, "articles/article.txt");
        assert_eq!(
            skipped.reason,
            "not UTF-8 text (invalid byte 0xE9 at offset 3); save it as UTF-8"
        );
    }

    #[test]
    fn bad_byte_offsets_count_the_byte_order_mark() {
        let skipped = read_bytes_as_article(b"\xEF\xBB\xBFab\xFF").expect_err("skipped");
        assert_eq!(
            skipped.reason,
            "not UTF-8 text (invalid byte 0xFF at offset 5); save it as UTF-8"
        );
    }

    #[test]
    fn a_character_cut_off_at_the_end_is_reported_as_incomplete() {
        let skipped = read_bytes_as_article(b"ok \xE2\x80").expect_err("skipped");
        assert!(
            skipped
                .reason
                .starts_with("not UTF-8 text (incomplete character at the end, offset 3)"),
            "{}",
            skipped.reason
        );
    }

    #[test]
    fn a_nul_byte_near_the_start_marks_a_binary_file() {
        let skipped =
            read_bytes_as_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect_err("skipped");
        assert_eq!(skipped.reason, "binary file (NUL byte at offset 8)");
    }

    #[test]
    fn a_nul_byte_far_into_a_text_file_is_not_binary_but_still_read() {
        let mut bytes = vec![b'a'; BINARY_WINDOW + 10];
        bytes.push(0);
        let article = read_bytes_as_article(&bytes).expect("read");
        assert_eq!(article.text.len(), BINARY_WINDOW + 11);
    }

    #[test]
    fn an_empty_file_is_skipped_as_empty() {
        let skipped = read_bytes_as_article(b"").expect_err("skipped");
        assert_eq!(skipped.reason, "empty file");
        let skipped = read_bytes_as_article(b"\xEF\xBB\xBF \r\n\t\n").expect_err("skipped");
        assert_eq!(skipped.reason, "empty file (only 8 bytes of white space)");
        assert!(
            read_bytes_as_article(b"\n.\n").is_ok(),
            "one character is text"
        );
    }

    #[test]
    fn crlf_line_endings_are_kept() {
        let article = read_bytes_as_article(b"Date: 2022-09-07\r\n\r\nBody line.\r\nMore.\r\n")
            .expect("read");
        assert_eq!(
            article.text,
            "Date: 2022-09-07\r\n\r\nBody line.\r\nMore.\r\n"
        );
        assert_eq!(
            article.published.as_ref().map(|p| p.date.to_string()),
            Some("2022-09-07".to_string())
        );
        assert_eq!(
            &article.text[article.body_start..],
            "Body line.\r\nMore.\r\n"
        );
    }

    #[test]
    fn a_file_over_the_size_limit_is_skipped_naming_the_limit_and_the_option() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.txt");
        fs::write(&path, vec![b'a'; 2049]).expect("write");
        let skipped = read_article_limited(&path, "big.txt", 2048).expect_err("skipped");
        assert_eq!(
            skipped.reason,
            "file too large (over 2 KiB); raise the limit with --max-file-size if it really is an article"
        );
        let at_limit = read_article_limited(&path, "big.txt", 2049).expect("read");
        assert_eq!(at_limit.text.len(), 2049);
    }

    #[test]
    fn sizes_are_written_in_binary_units() {
        assert_eq!(size_in_words(100), "100 bytes");
        assert_eq!(size_in_words(1536), "1.5 KiB");
        assert_eq!(size_in_words(DEFAULT_MAX_FILE_SIZE), "256 MiB");
        assert_eq!(size_in_words(u64::MAX), "16777216 TiB");
    }

    #[test]
    fn bytes_decode_exactly_as_a_file_would() {
        let article = article_from_bytes("a.txt", b"\xEF\xBB\xBFdate 2022-09-08 Body.".to_vec())
            .expect("decoded");
        assert_eq!(article.text, "date 2022-09-08 Body.");
        assert_eq!(&article.text[article.body_start..], "Body.");
        let skipped = article_from_bytes("b.txt", b"\x00\x01".to_vec()).expect_err("binary");
        assert_eq!(skipped.path, "b.txt");
    }

    #[test]
    fn a_missing_file_is_skipped_in_plain_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let skipped = read_article(&dir.path().join("gone.txt"), "gone.txt").expect_err("skipped");
        assert_eq!(
            skipped,
            Skipped {
                path: "gone.txt".to_string(),
                reason: "no such file or directory".to_string()
            }
        );
    }

    #[test]
    fn a_directory_is_skipped_in_plain_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let skipped = read_article(dir.path(), "folder").expect_err("skipped");
        assert_eq!(skipped.reason, "is a directory");
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_skipped_with_permission_denied() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret.txt");
        fs::write(&path, "text").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
        // Permissions do not stop the superuser, so the assertion only holds when the
        // chmod actually took effect.
        if fs::read(&path).is_ok() {
            return;
        }
        let skipped = read_article(&path, "secret.txt").expect_err("skipped");
        assert_eq!(skipped.reason, "permission denied");
    }

    #[test]
    fn read_articles_keeps_order_and_separates_skipped_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = Vec::new();
        for (name, bytes) in [
            ("a.txt", &b"first"[..]),
            ("b.txt", &b"\x00bin"[..]),
            ("c.txt", &b"third"[..]),
        ] {
            let path = dir.path().join(name);
            fs::write(&path, bytes).expect("write");
            files.push((path, name.to_string()));
        }
        let (articles, skipped) = read_articles(&files);
        let paths: Vec<&str> = articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, vec!["a.txt", "c.txt"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].path, "b.txt");
    }

    #[test]
    fn the_seed_articles_have_their_publication_dates() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let expected = [
            ("000_", Some(("2022-09-08", DateSource::Header))),
            ("001_", Some(("2022-09-05", DateSource::Header))),
            ("002_", None),
            ("003_", Some(("2022-08-06", DateSource::Header))),
            ("004_", Some(("2022-09-07", DateSource::Dateline))),
        ];
        let mut names: Vec<PathBuf> = fs::read_dir(&seeds)
            .expect("the crate has a seeds/ folder")
            .map(|e| e.expect("seed entry").path())
            .collect();
        names.sort();
        assert_eq!(names.len(), expected.len());
        for (path, (prefix, want)) in names.iter().zip(expected) {
            let name = path.file_name().expect("file name").to_string_lossy();
            assert!(name.starts_with(prefix), "{name}");
            let article = read_article(path, &name).expect("seed is readable");
            let got = article
                .published
                .as_ref()
                .map(|p| (p.date.to_string(), p.source));
            assert_eq!(
                got,
                want.map(|(d, s)| (d.to_string(), s)),
                "publication date of {name}"
            );
            if prefix == "000_" {
                assert!(
                    article.text[article.body_start..].starts_with("John Legend and Kanye West"),
                    "the header date is not part of the body"
                );
            }
        }
    }
}
