//! The corpus: finding article files, reading them safely, and their publication date.
//! Files that cannot be read as articles are reported as `Skipped` with a plain reason,
//! never silently dropped and never guessed at.

mod published;
mod read;
mod walk;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use published::{header, publication_date};
pub use read::{
    DEFAULT_MAX_FILE_SIZE, article_from_bytes, read_article, read_article_limited, read_articles,
    size_in_words,
};
pub use walk::{Walk, walk};

/// How an article's publication date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A leading `date YYYY-MM-DD` (or `Date: YYYY-MM-DD`) header line.
    Header,
    /// The `date:` (or `published:`) field of a front matter block.
    FrontMatter,
    /// A dateline near the top, such as "Published September 7, 2022".
    Dateline,
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Header => "date header line",
            DateSource::FrontMatter => "front matter date: field",
            DateSource::Dateline => "dateline",
        })
    }
}

/// An article's publication date, how it was found, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Published {
    /// The calendar date the article was published.
    pub date: chrono::NaiveDate,
    /// Where in the article the date was found.
    pub source: DateSource,
    /// Byte span of the date text in the article's (decoded) text.
    pub span: Range<usize>,
}

/// One article, decoded to UTF-8.
///
/// All byte offsets (`body_start`, spans) are relative to `text`, which is the decoded
/// text: a UTF-8 byte order mark is not part of it, and UTF-16 files are converted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The display path: the path given on the command line, joined with the path
    /// found below it when a folder was walked, with forward slashes.
    pub path: String,
    /// The article's text, decoded; line endings are kept as written.
    pub text: String,
    /// The publication date, when the top of the article states one.
    pub published: Option<Published>,
    /// Byte offset where the article body starts: after a date header line or front
    /// matter, so that the header is not read as content. 0 when there is no header.
    pub body_start: usize,
    /// `None` for UTF-8; the encoding's name (e.g. `UTF-16LE`) when the file was
    /// decoded from something else.
    pub encoding: Option<String>,
}

/// A path that was not read, and why, in plain words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The display path.
    pub path: String,
    /// Why it was not read, e.g. "binary file (NUL byte at offset 12)".
    pub reason: String,
}
